import { type AddressRead, readIpAddress, readMacAddress } from '../address.js'
import { bilingual, type MessageParams } from '../messages/translate.js'
import type { LedgerField } from './fields.js'

/**
 * Cell readers: the values Japanese hospitals actually type into a ledger (医療機器, 使用中, はい/○, 令和5年4月1日,
 * Excel serial dates …) read into ledger values. Pure: text in, value or reason out. Each reader returns
 * `{ ok: value }` or `{ error, errorJa }`: the same reason in English and in Japanese, written for a clinical engineer,
 * rendered from the message catalog (`import.cell*` in src/core/messages/{en,ja}/import.ts).
 */

/**
 * Folds a header or enum word for matching: NFKC (full-width → half-width), lower case, no bracketed notes such as
 * "(YYYY-MM-DD)" or "【必須】", no spaces or punctuation.
 */
export function normalizeWord(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【<{][^)\]】>}]*[)\]】>}]/g, '')
    .replace(/[\s_\-・*※.:/#'"?!、。]/g, '')
}

export type Read<T> = { ok: T } | { error: string; errorJa: string }

/** The catalog text `import.<key>` as a failed reading. */
function fail(key: string, params: MessageParams): { error: string; errorJa: string } {
  const t = bilingual(`import.${key}`, params)
  return { error: t.en, errorJa: t.ja }
}

const enumIndexCache = new WeakMap<object, Map<string, string>>()
function enumIndex(values: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  let idx = enumIndexCache.get(values)
  if (!idx) {
    idx = new Map()
    for (const [id, words] of Object.entries(values)) {
      idx.set(normalizeWord(id), id)
      for (const w of words) if (!idx.has(normalizeWord(w))) idx.set(normalizeWord(w), id)
    }
    enumIndexCache.set(values, idx)
  }
  return idx
}

function enumHint(values: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(values)
    .map(([id, words]) => (words[0] ? `${id} (${words[0]})` : id))
    .join(', ')
}

/** The Japanese word for each accepted value (医療機器、サーバ…), the way a Japanese ledger would write them. */
function enumHintJa(values: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(values)
    .map(([id, words]) => words[0] ?? id)
    .join('、')
}

/** Reads one enum value written as its id, its English label or a Japanese word (医療機器, 使用中…). */
export function readEnum(raw: string, values: Readonly<Record<string, readonly string[]>>): Read<string> {
  const id = enumIndex(values).get(normalizeWord(raw))
  if (id !== undefined) return { ok: id }
  return fail('cellNotInList', { value: raw, accepted: { en: enumHint(values), ja: enumHintJa(values) } })
}

/** Reads a list of enum values such as "有線; 無線LAN". */
export function readEnumList(raw: string, values: Readonly<Record<string, readonly string[]>>): Read<string[]> {
  const out: string[] = []
  for (const part of splitCell(raw)) {
    const r = readEnum(part, values)
    if ('error' in r) return r
    if (!out.includes(r.ok)) out.push(r.ok)
  }
  return { ok: out }
}

const TRUE_WORDS = new Set([
  'はい',
  'yes',
  'y',
  'true',
  't',
  '1',
  '○',
  '〇',
  '◯',
  '●',
  '✓',
  '✔',
  'あり',
  '有',
  '該当',
  'on',
])
const FALSE_WORDS = new Set([
  'いいえ',
  'no',
  'n',
  'false',
  'f',
  '0',
  '×',
  '✕',
  'x',
  'なし',
  '無',
  '非該当',
  'off',
  '-',
  '－',
  'ー',
])

/** Reads a yes/no cell: はい/いいえ, ○/×, あり/なし, yes/no, true/false, 1/0. */
export function readBool(raw: string): Read<boolean> {
  const s = raw.normalize('NFKC').trim().toLowerCase()
  if (TRUE_WORDS.has(s)) return { ok: true }
  if (FALSE_WORDS.has(s)) return { ok: false }
  return fail('cellNotYesNo', { value: raw })
}

/** Reads a whole number in [min, max] (full-width digits accepted). */
export function readInt(raw: string, min: number, max: number): Read<number> {
  const s = raw.normalize('NFKC').trim()
  if (!/^\d+$/.test(s)) return fail('cellNotWholeNumber', { value: raw })
  const n = Number(s)
  if (n < min || n > max) return fail('cellOutOfRange', { n, min, max })
  return { ok: n }
}

/** Reads the CSA proximity level 0–4, written as "2", "レベル2", "Level 2" or "L2". */
export function readProximity(raw: string): Read<number> {
  const s = raw.normalize('NFKC').trim().toLowerCase()
  const m = /^(?:レベル|level|lv\.?|l)?\s*([0-9])$/.exec(s)
  if (!m) {
    return fail('cellNotProximity', { value: raw })
  }
  const n = Number(m[1])
  if (n > 4) {
    return fail('cellProximityOutOfRange', { n })
  }
  return { ok: n }
}

/** Splits a list cell on ; , 、 | whitespace and newlines. */
export function splitCell(raw: string): string[] {
  return raw
    .split(/[;,、，；|\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** Splits a tag cell on ; , 、 | and newlines (tags may contain spaces). */
export function splitTags(raw: string): string[] {
  const out: string[] = []
  for (const t of raw.split(/[;,、，；|\n]+/)) {
    const s = t.trim()
    if (s.length > 0 && !out.includes(s)) out.push(s)
  }
  return out
}

/** Start year (year 1) of each Japanese era used in ledgers; `元` means year 1. */
const ERAS: Record<string, number> = {
  令和: 2019,
  r: 2019,
  平成: 1989,
  h: 1989,
  昭和: 1926,
  s: 1926,
  大正: 1912,
  t: 1912,
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** True when y-m-d is a real calendar date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

function ymd(y: number, m: number, d: number, raw: string): Read<string> {
  if (y < 1900 || y > 2200) {
    return fail('cellYearOutOfRange', { value: raw, year: y })
  }
  if (!isRealDate(y, m, d)) {
    const date = `${y}-${pad(m)}-${pad(d)}`
    // Written as the date itself, the Japanese needs it only once.
    return fail(raw.trim() === date ? 'cellNotRealDateIso' : 'cellNotRealDate', { value: raw, date })
  }
  return { ok: `${pad(y, 4)}-${pad(m)}-${pad(d)}` }
}

/** Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for (ECMA-376 Part 1, §18.17.4.1). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

/** Converts an Excel serial day number (e.g. 43556) to YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string {
  const dt = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000)
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`
}

/**
 * Reads a date written as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, 2019年4月1日, a Japanese era date
 * (令和5年4月1日, 令和元年5月1日, 平成31年4月30日, R5.4.1, H31/4/30) or an Excel serial number (43556), and returns
 * YYYY-MM-DD. A time part after the date (from Excel date-times) is ignored.
 */
export function readDate(raw: string): Read<string> {
  const s = raw.normalize('NFKC').trim().replace(/\s+/g, ' ')
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw)
  m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw)
  m = /^(令和|平成|昭和|大正)\s*(元|\d{1,2})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(s)
  if (!m) m = /^([RHSTrhst])\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s)
  if (m) {
    const base = ERAS[m[1]!.toLowerCase()] ?? ERAS[m[1]!]!
    const n = m[2] === '元' ? 1 : Number(m[2])
    if (n < 1) {
      return fail('cellEraYear', { value: raw })
    }
    return ymd(base + n - 1, Number(m[3]), Number(m[4]), raw)
  }
  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = Number(s)
    // 10000 = 1927-05-18; smaller numbers are far more likely years or typos than serial dates.
    if (serial >= 10_000 && serial <= 2_958_465) return { ok: excelSerialToDate(serial) }
  }
  return fail('cellNotADate', { value: raw })
}

/** Reads a service-life cell that may hold a number of years (耐用年限 "6" or "6年") instead of an end date. */
export function readLifeYears(raw: string): number | null {
  const m = /^(\d{1,2})\s*年?$/.exec(raw.normalize('NFKC').trim())
  return m ? Number(m[1]) : null
}

/** Adds whole years to YYYY-MM-DD (Feb 29 → Feb 28 in a common year). */
export function addYears(date: string, years: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const ny = y + years
  const day = isRealDate(ny, mo, d) ? d : d - 1
  return `${pad(ny, 4)}-${pad(mo)}-${pad(day)}`
}

/** Reads one cell by its field's type (enum words, dates in every common notation, normalised IPs/MACs…). */
export function readCell(spec: LedgerField, raw: string): Read<unknown> {
  switch (spec.type) {
    case 'text':
      return { ok: raw }
    case 'enum':
      return readEnum(raw, spec.values ?? {})
    case 'enumList':
      return readEnumList(raw, spec.values ?? {})
    case 'bool':
      return readBool(raw)
    case 'int':
      return readInt(raw, 1, 4094)
    case 'proximity':
      return readProximity(raw)
    case 'date':
      return readDate(raw)
    case 'list':
      return { ok: splitTags(raw) }
    case 'intList': {
      const out: number[] = []
      for (const part of splitCell(raw)) {
        const r = readInt(part, 1, 65535)
        if ('error' in r) return fail('cellPort', { why: { en: r.error, ja: r.errorJa } })
        if (!out.includes(r.ok)) out.push(r.ok)
      }
      return { ok: out }
    }
    case 'ipList':
      return readList(raw, readIpAddress)
    case 'macList':
      return readList(raw, readMacAddress)
  }
}

/** Reads a list cell of addresses with the one rule the API also uses (src/core/address.ts). */
function readList(raw: string, read: (s: string) => AddressRead): Read<string[]> {
  const out: string[] = []
  for (const part of splitCell(raw.normalize('NFKC'))) {
    const r = read(part)
    if ('error' in r) return r
    if (!out.includes(r.ok)) out.push(r.ok)
  }
  return { ok: out }
}

/** The value a blank cell clears a field to: an empty list for list fields, else null. */
export function blankValue(spec: LedgerField): unknown {
  switch (spec.type) {
    case 'list':
    case 'ipList':
    case 'macList':
    case 'intList':
    case 'enumList':
      return []
    default:
      return null
  }
}
