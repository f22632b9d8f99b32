/**
 * Software versions as ledgers and disclosures write them (2.3.1, V2.3, Ver.01-23, 3.1A, Rev. C), compared part by
 * part: numbers as numbers, letters as text, a missing part before any present one (1.0 < 1.0.1).
 */

function parts(version: string): string[] {
  const tokens =
    version
      .normalize('NFKC')
      .toLowerCase()
      .match(/\d+|[a-z]+/g) ?? []
  // "Ver.", "Version", "V", "Rev." in front name the field, not the version.
  while (tokens.length > 1 && /^(?:v|ver|version|rev|revision|r)$/.test(tokens[0] ?? '')) tokens.shift()
  return tokens
}

/** True when the text holds something comparable (a digit or a letter). */
export function isVersion(text: string): boolean {
  return parts(text).length > 0
}

/** Negative, zero or positive, as `a` is before, equal to or after `b`. */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a)
  const pb = parts(b)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const nx = /^\d+$/.test(x)
    const ny = /^\d+$/.test(y)
    if (nx && ny) {
      const d = Number(x) - Number(y)
      if (d !== 0) return d
    } else if (nx !== ny) return nx ? -1 : 1
    else if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Whether `version` lies inside the inclusive range; a null end is open. */
export function inVersionRange(version: string, from: string | null, to: string | null): boolean {
  if (from && compareVersions(version, from) < 0) return false
  if (to && compareVersions(version, to) > 0) return false
  return true
}

/** Problems with a version range, in both languages (empty when it is fine). */
export function versionRangeProblems(from: string | null, to: string | null): { en: string; ja: string }[] {
  const out: { en: string; ja: string }[] = []
  for (const [label, labelJa, v] of [
    ['from', '開始', from],
    ['to', '終了', to],
  ] as const)
    if (v !== null && !isVersion(v))
      out.push({
        en: `version ${label} "${v}" has no digits or letters to compare`,
        ja: `バージョン${labelJa}「${v}」に比較できる数字や英字がありません`,
      })
  if (out.length === 0 && from && to && compareVersions(from, to) > 0)
    out.push({
      en: `version from "${from}" is after version to "${to}"`,
      ja: `バージョン開始「${from}」が終了「${to}」より後です`,
    })
  return out
}
