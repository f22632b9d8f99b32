import type { Device } from '../core/ledger/device.js'
import { LEDGER_FIELDS, type LedgerField } from '../core/ledger/fields.js'

/**
 * What the exporters write: the ledger's field table (core/ledger/fields.ts, which the importer also maps headers
 * with, so an export re-imports with the same mapping and comes back 'unchanged'), Japanese or English headers, and
 * one `カスタム:` / `custom:` column per user-defined field.
 */
export type ExportLang = 'ja' | 'en'

export interface ExportOptions {
  /** Header language; default Japanese. */
  lang?: ExportLang
}

export interface ExportTable {
  header: string[]
  /** Cell text of each device, in header order. */
  cells: (d: Device) => string[]
}

function cellOf(spec: LedgerField, d: Device, lang: ExportLang): string {
  const v = spec.field === 'id' ? d.id : d[spec.field]
  if (v === null || v === undefined) return ''
  // Japanese files write the Japanese word of each choice (医療機器, 使用中, 有線), which the importer reads back.
  const word = (x: unknown) => (lang === 'ja' && spec.values ? (spec.values[String(x)]?.[0] ?? String(x)) : String(x))
  if (Array.isArray(v)) return v.map(word).join('; ')
  if (spec.values) return word(v)
  if (typeof v === 'boolean') return lang === 'ja' ? (v ? 'はい' : 'いいえ') : v ? 'yes' : 'no'
  return String(v)
}

/** Builds the export layout for a set of devices (custom columns are the union of their custom field names). */
export function exportTable(devices: readonly Device[], opts: ExportOptions = {}): ExportTable {
  const lang = opts.lang ?? 'ja'
  const custom = [...new Set(devices.flatMap((d) => Object.keys(d.customFields)))].sort()
  const prefix = lang === 'ja' ? 'カスタム:' : 'custom:'
  return {
    header: [...LEDGER_FIELDS.map((c) => (lang === 'ja' ? c.ja : c.en)), ...custom.map((k) => `${prefix}${k}`)],
    cells: (d) => [...LEDGER_FIELDS.map((c) => cellOf(c, d, lang)), ...custom.map((k) => d.customFields[k] ?? '')],
  }
}
