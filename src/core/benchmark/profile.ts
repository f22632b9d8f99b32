import { z } from 'zod'
import {
  BED_BANDS,
  type BenchmarkProfile,
  benchmarkProfile,
  type CohortReport,
  cohortReport,
  type IndicatorValue,
  REGIONS,
} from '../../../api/benchmark.js'
import type { Bilingual } from '../messages/translate.js'
import { INDICATOR_IDS, INDICATORS } from './indicators.js'

/**
 * The anonymous profile (ADR 0036): what is rounded, what is refused as identifying, the canonical JSON its checksum
 * is taken over, and how an imported file is read and checked. Pure: the SHA-256 comes in as a function.
 */

/** Fewer in-use devices than this and the ratios are too fine to be anonymous: the export is refused. */
export const MIN_DEVICES_FOR_EXPORT = 20
/** Largest profile or report file an import reads. */
export const MAX_FILE_BYTES = 1024 * 1024

/**
 * Rounding per unit: percentages and per-100 rates to whole numbers, days to whole days. An exact ratio such as
 * 76.470588 % is 13/17 and tells a reader the hospital has 17 networked devices; whole numbers leave many
 * numerator/denominator pairs possible for every value, and differences under 1 point mean nothing to compare.
 */
export function roundIndicator(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v)
}

/** JSON with object keys sorted at every depth and no whitespace: the same bytes for the same content. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const obj = value as Record<string, unknown>
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`
}

export type Sha256 = (text: string) => string

/** The checksum of a profile: SHA-256 of the canonical JSON of every field but `checksum`. */
export function profileChecksum(p: Omit<BenchmarkProfile, 'checksum'> & { checksum?: string }, sha256: Sha256) {
  const { checksum: _c, ...rest } = p
  return sha256(canonicalJson(rest))
}

/** A profile exactly as the format allows it: no other key anywhere, strings only from the enums. */
export const strictProfile = z.strictObject({
  format: benchmarkProfile.shape.format,
  formatVersion: benchmarkProfile.shape.formatVersion,
  profileId: benchmarkProfile.shape.profileId,
  period: benchmarkProfile.shape.period,
  bedBand: z.enum(BED_BANDS),
  region: z.enum(REGIONS),
  indicators: z.record(z.string(), z.number().finite().min(0).max(1_000_000).nullable()),
  checksum: benchmarkProfile.shape.checksum,
})

/**
 * Builds the profile to export, or says why it would identify the hospital. Every value is rounded
 * ({@link roundIndicator}); the result is re-checked against the strict format so nothing else can slip in.
 */
export function buildProfile(
  input: {
    profileId: string
    period: string
    bedBand: string
    region: string
    inUseDevices: number
    values: readonly IndicatorValue[]
  },
  sha256: Sha256,
): { ok: BenchmarkProfile } | { refused: Bilingual } {
  if (input.inUseDevices < MIN_DEVICES_FOR_EXPORT)
    return {
      refused: {
        ja: `使用中の機器が ${input.inUseDevices} 台で、${MIN_DEVICES_FOR_EXPORT} 台未満です。台数が少ないと割合から病院が推測できます。`,
        en: `the ledger has ${input.inUseDevices} in-use devices, fewer than ${MIN_DEVICES_FOR_EXPORT}; with so few, the ratios could point to the hospital.`,
      },
    }
  const indicators: Record<string, number | null> = {}
  for (const v of input.values) {
    if (!INDICATOR_IDS.has(v.id))
      return { refused: { ja: `未定義の指標「${v.id}」があります。`, en: `"${v.id}" is not a defined indicator.` } }
    indicators[v.id] = roundIndicator(v.value)
  }
  const body = {
    format: 'mamori-benchmark-profile' as const,
    formatVersion: 1 as const,
    profileId: input.profileId,
    period: input.period,
    bedBand: input.bedBand,
    region: input.region,
    indicators,
  }
  const candidate = { ...body, checksum: profileChecksum(body as BenchmarkProfile, sha256) }
  const checked = strictProfile.safeParse(candidate)
  if (!checked.success) {
    const where = checked.error.issues.map((i) => i.path.join('.') || 'profile').join(', ')
    return {
      refused: {
        ja: `形式に合わない値があります（${where}）。`,
        en: `some values are outside the format (${where}).`,
      },
    }
  }
  return { ok: checked.data as BenchmarkProfile }
}

export type ImportedFile = { kind: 'profile'; profile: BenchmarkProfile } | { kind: 'report'; report: CohortReport }

/** Why a file was refused, in both languages. */
export class ProfileFileError extends Error {
  constructor(
    readonly file: string,
    readonly why: Bilingual,
  ) {
    super(`${file}: ${why.en}`)
  }
}

const zodWhere = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    .join('; ')

/**
 * Reads one imported file: size, UTF-8 JSON (the parser's position on error), then by its `format` a profile
 * (strict: no other key, known indicator ids only, checksum verified) or a published cohort report.
 */
export function readBenchmarkFile(name: string, bytes: Uint8Array, sha256: Sha256): ImportedFile {
  const refuse = (ja: string, en: string): never => {
    throw new ProfileFileError(name, { ja, en })
  }
  if (bytes.byteLength > MAX_FILE_BYTES)
    refuse(
      `ファイルが大きすぎます（${bytes.byteLength} バイト、上限 ${MAX_FILE_BYTES} バイト）`,
      `the file is too large (${bytes.byteLength} bytes, at most ${MAX_FILE_BYTES})`,
    )
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return refuse('UTF-8 のテキストではありません', 'it is not UTF-8 text')
  }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    const pos = /position (\d+)/.exec(msg)?.[1]
    return refuse(
      `JSON として読めません${pos ? `（${pos} 文字目付近）` : ''}: ${msg}`,
      `it is not valid JSON${pos ? ` (at position ${pos})` : ''}: ${msg}`,
    )
  }
  const format = (data as { format?: unknown } | null)?.format
  if (format === 'mamori-benchmark-profile') {
    const p = strictProfile.safeParse(data)
    if (!p.success)
      refuse(
        `プロファイルの形式が違います（${zodWhere(p.error)}）`,
        `not a profile of this format (${zodWhere(p.error)})`,
      )
    const profile = p.data as BenchmarkProfile
    const unknown = Object.keys(profile.indicators).filter((k) => !INDICATOR_IDS.has(k))
    if (unknown.length > 0)
      refuse(`未定義の指標があります: ${unknown.join(', ')}`, `unknown indicator ids: ${unknown.join(', ')}`)
    if (profileChecksum(profile, sha256) !== profile.checksum)
      refuse(
        'チェックサムが一致しません。書き出した後に内容が変更されています',
        'the checksum does not match: the content was changed after export',
      )
    return { kind: 'profile', profile }
  }
  if (format === 'mamori-benchmark-cohort') {
    const r = cohortReport.safeParse(data)
    if (!r.success)
      refuse(
        `コホート報告の形式が違います（${zodWhere(r.error)}）`,
        `not a cohort report of this format (${zodWhere(r.error)})`,
      )
    const report = r.data as CohortReport
    if (!report.cohorts.some((c) => c.key === 'all'))
      refuse('「all」のコホートがありません', 'the report has no "all" cohort')
    return { kind: 'report', report }
  }
  return refuse(
    `Mamori のベンチマークのファイルではありません（format: ${JSON.stringify(format ?? null)}）`,
    `not a Mamori benchmark file (format: ${JSON.stringify(format ?? null)})`,
  )
}

/** Checks a whole import: every file readable and no profile id twice (within the files or already stored). */
export function readImport(
  files: readonly { name: string; bytes: Uint8Array }[],
  storedIds: ReadonlySet<string>,
  sha256: Sha256,
): { profiles: BenchmarkProfile[]; reports: CohortReport[] } {
  const profiles: BenchmarkProfile[] = []
  const reports: CohortReport[] = []
  const seen = new Map<string, string>()
  for (const f of files) {
    const r = readBenchmarkFile(f.name, f.bytes, sha256)
    if (r.kind === 'report') {
      reports.push(r.report)
      continue
    }
    const id = r.profile.profileId
    const first = seen.get(id)
    if (first !== undefined)
      throw new ProfileFileError(f.name, {
        ja: `プロファイル ID ${id} が「${first}」と重複しています`,
        en: `profile id ${id} is the same as in "${first}"`,
      })
    if (storedIds.has(id))
      throw new ProfileFileError(f.name, {
        ja: `プロファイル ID ${id} はすでに取り込まれています`,
        en: `profile id ${id} was already imported`,
      })
    seen.set(id, f.name)
    profiles.push(r.profile)
  }
  if (reports.length > 1)
    throw new ProfileFileError(files.map((f) => f.name).join(', '), {
      ja: 'コホート報告は 1 回に 1 つだけ取り込めます',
      en: 'only one cohort report can be imported at a time',
    })
  return { profiles, reports }
}

/** For the export: only indicator ids of the definitions, in their order. */
export const EXPORTED_IDS = INDICATORS.map((i) => i.id)
