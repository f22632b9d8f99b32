/**
 * Software versions as ledgers and disclosures write them (2.3.1, V2.3, Ver.01-23, 3.1A, Rev. C), compared part by
 * part: numbers as numbers, letters as text, a missing part before any present one (1.0 < 1.0.1).
 */

/** Words that only label the next number ("build 45", "_Build_9342"): the number is what counts. */
const LABELS = /^(?:build|bld|b)$/
/** Pre-release words sort before the release they precede (1.0 beta < 1.0 < 1.0.1). */
const PRE_RELEASE = /^(?:alpha|beta|rc|pre|preview|dev|snapshot)$/

/** A version read once into comparable parts: numbers, or words (pre-release words marked). */
export type VersionKey = readonly (number | string)[]

function parts(version: string): string[] {
  const tokens =
    version
      .normalize('NFKC')
      .toLowerCase()
      .match(/\d+|[a-z]+/g) ?? []
  // "Ver.", "Version", "V", "Rev." in front name the field, not the version.
  while (tokens.length > 1 && /^(?:v|ver|version|rev|revision|r)$/.test(tokens[0] ?? '')) tokens.shift()
  return tokens.filter((t, i) => !(LABELS.test(t) && /^\d/.test(tokens[i + 1] ?? '')))
}

/**
 * Reads a version once (for comparing it many times): "3.1.2 build 45" → 3,1,2,45; "V2.0 SP1" → 2,0,sp,1;
 * "R10.2" → 10,2; "2023.3_Build_9342" → 2023,3,9342; "01-23" → 1,23. Null when it has no digit: "unknown",
 * "latest", "-" are not versions to compare, and the caller must say so (needs review), never guess.
 */
export function versionKey(version: string): VersionKey | null {
  const p = parts(version)
  if (!p.some((t) => /^\d/.test(t))) return null
  return p.map((t) => (/^\d+$/.test(t) ? Number(t) : PRE_RELEASE.test(t) ? `~${t}` : t))
}

/** True when the text holds something comparable (a digit or a letter). */
export function isVersion(text: string): boolean {
  return parts(text).length > 0
}

/** Compares two read versions: numbers as numbers, a missing part before any present one, pre-release first. */
export function compareVersionKeys(a: VersionKey, b: VersionKey): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i]
    const y = b[i]
    if (x === y) continue
    // A missing part sorts before a present one, but after a pre-release word ("1.0" > "1.0 beta").
    if (x === undefined) return typeof y === 'string' && y.startsWith('~') ? 1 : -1
    if (y === undefined) return typeof x === 'string' && x.startsWith('~') ? -1 : 1
    const nx = typeof x === 'number'
    const ny = typeof y === 'number'
    if (nx && ny) return x - y
    if (nx !== ny) {
      const word = (nx ? y : x) as string
      // A pre-release word sorts before a number; another word (sp, a, patch) after it.
      const numberFirst = !word.startsWith('~')
      return nx === numberFirst ? -1 : 1
    }
    return x < y ? -1 : 1
  }
  return 0
}

/** Negative, zero or positive, as `a` is before, equal to or after `b`. */
export function compareVersions(a: string, b: string): number {
  const key = (v: string): VersionKey =>
    parts(v).map((t) => (/^\d+$/.test(t) ? Number(t) : PRE_RELEASE.test(t) ? `~${t}` : t))
  return compareVersionKeys(key(a), key(b))
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
