import { z } from 'zod'
import { type DeviceFields, deviceInput } from '../../api/device.js'
import type { ImportProblemDto } from '../../api/import.js'
import { type AddressRead, readIpAddress, readMacAddress } from '../core/address.js'
import { unguardFormula } from '../core/csv-formula.js'
import { CATEGORY_LABEL_JA, categoryOfName } from '../core/generic-names.js'
import {
  addYears,
  type ColumnSpec,
  fieldLabelJa,
  type MappedColumn,
  type Read,
  readBool,
  readDate,
  readEnum,
  readEnumList,
  readInt,
  readLifeYears,
  readProximity,
  splitCell,
  splitTags,
} from './device-columns.js'
import type { TableRow } from './device-table.js'

/** A row that passed validation: complete fields for a create, plus what the row actually says for an update. */
export interface ValidRow {
  row: number
  /** Complete device fields (defaults applied): what a create writes. */
  fields: DeviceFields
  /**
   * Fields the row sets. A blank cell clears a clearable field (text, dates, lists) but leaves fields with a default
   * (kind, status, yes/no…) alone, so a sparse update file never resets them.
   */
  given: ReadonlySet<keyof DeviceFields>
  /** Custom columns of the row: name → value, null when the cell is blank (removes the key on update). */
  custom: Readonly<Record<string, string | null>>
  /** Device id column of an earlier export, used for matching only. */
  deviceId: string | null
}

export type RowOutcome = { ok: ValidRow; warnings: ImportProblemDto[] } | { ok: null; problems: ImportProblemDto[] }

/**
 * Fields whose blank cell means "keep the default / existing value" rather than "clear": fields with a default, and
 * the keys that identify a device (asset tag, serial number, MACs), which a sparse update file must never erase.
 */
const NOT_CLEARABLE = new Set<string>([
  'assetTag',
  'serialNumber',
  'macAddresses',
  'kind',
  'category',
  'status',
  'usageEnvironment',
  'siteId',
  'lifeCritical',
  'neverScan',
  'fragile',
])

/** Excel shows a leading ' as a text marker; our CSV export adds one (core/csv-formula.ts) so Excel never runs a formula. */
const unguard = unguardFormula

type FieldColumn = Extract<MappedColumn, { kind: 'field' }>

function readCell(spec: ColumnSpec, raw: string): Read<unknown> {
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
        if ('error' in r) return { error: `port ${r.error}`, errorJa: `ポート番号 ${r.errorJa}` }
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

function blankValue(spec: ColumnSpec): unknown {
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

/**
 * A fresh record of every field's default. Written out (not cloned from `deviceInput.parse({})`) because it runs once
 * per row; a test checks it equals the schema's defaults.
 */
export function defaultFields(): DeviceFields {
  return {
    siteId: 'default',
    department: null,
    location: null,
    assetTag: null,
    kind: 'medical_device',
    category: 'other',
    name: null,
    manufacturer: null,
    model: null,
    serialNumber: null,
    softwareVersion: null,
    os: null,
    osVersion: null,
    ipAddresses: [],
    macAddresses: [],
    hostname: null,
    networkSegment: null,
    vlan: null,
    connectionTypes: [],
    declaredPorts: [],
    usageEnvironment: 'in_hospital',
    patientProximity: null,
    lifeCritical: false,
    neverScan: false,
    fragile: false,
    installedOn: null,
    serviceLifeEnd: null,
    supportEnd: null,
    responsibleDepartment: null,
    responsiblePerson: null,
    maintenanceContract: null,
    vendorContact: null,
    status: 'in_use',
    tags: [],
    notes: null,
    customFields: {},
  }
}

const NO_CUSTOM: Readonly<Record<string, string | null>> = Object.freeze({})

/** Conservative bounds for list items and fields whose limit is not a plain `.max()` (tags are 50, lists 32). */
const SAFE_TEXT = 50
const SAFE_LIST = 32

const okText = (v: unknown, max = SAFE_TEXT) =>
  typeof v === 'string' && v.length > 0 && v.length <= max && v === v.trim()

/** The `.max()` of a plain text field in `deviceInput` (read from the schema itself, so it cannot drift). */
function schemaTextMax(t: unknown): number | null {
  let s = t
  while (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional) s = s.unwrap()
  return s instanceof z.ZodString ? s.maxLength : null
}

const TEXT_MAX: ReadonlyMap<string, number> = new Map(
  Object.entries(deviceInput.shape).flatMap(([k, t]) => {
    const max = schemaTextMax(t)
    return max === null ? [] : [[k, max]]
  }),
)

/**
 * True when a value the cell readers produced is plainly inside the schema's limits, so that `deviceInput` could
 * only add defaults. Rows with anything else (long text, long lists) go through `deviceInput.safeParse`, which stays
 * the authority and writes the messages. deviceInput costs ~20 µs per row, as much as the rest of validation; a
 * property test checks that both paths agree.
 */
function isQuick(field: string, v: unknown): boolean {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return true
  if (typeof v === 'string') return okText(v, TEXT_MAX.get(field) ?? SAFE_TEXT)
  if (Array.isArray(v)) {
    if (v.length > SAFE_LIST) return false
    for (const x of v) if (typeof x !== 'number' && !okText(x)) return false
    return true
  }
  return false
}

/**
 * Builds a row validator for one mapped header. Each cell is read by its column type (Japanese words, dates in every
 * common notation, normalised IPs/MACs), then the whole row goes through the `deviceInput` schema, so the API and the
 * import accept exactly the same records. Every problem names the row, the column as written, and the value.
 */
export function createRowValidator(
  columns: readonly MappedColumn[],
  opts: { fastPath?: boolean } = {},
): (row: TableRow) => RowOutcome {
  const fastPath = opts.fastPath ?? true
  const fieldCols: FieldColumn[] = columns.filter((c): c is FieldColumn => c.kind === 'field')
  const customCols = columns.filter((c): c is Extract<MappedColumn, { kind: 'custom' }> => c.kind === 'custom')
  const headerOf = new Map<string, string>()
  for (const c of fieldCols) headerOf.set(c.spec.field, c.header)
  const installedCol = fieldCols.find((c) => c.spec.field === 'installedOn')
  // Ledgers repeat the same few words in a column (医療機器, 使用中, はい, 2019/4/1) thousands of times: remember
  // what each distinct cell read as. Bounded so that a column of unique values cannot grow it without limit.
  const MEMO_TYPES = new Set(['enum', 'enumList', 'bool', 'date', 'proximity', 'int', 'intList'])
  /** Per column, decided once: how blanks behave, its memo of cell readings, its text limit. */
  const plans = fieldCols.map((col) => ({
    col,
    spec: col.spec,
    field: col.spec.field,
    clearable: !NOT_CLEARABLE.has(col.spec.field),
    blank: blankValue(col.spec),
    memo: MEMO_TYPES.has(col.spec.type) ? new Map<string, Read<unknown>>() : null,
  }))
  const read = (plan: (typeof plans)[number], cell: string): Read<unknown> => {
    const m = plan.memo
    if (m === null) return readCell(plan.spec, cell)
    let r = m.get(cell)
    if (r === undefined) {
      r = readCell(plan.spec, cell)
      if (m.size < 10_000) m.set(cell, r)
    }
    // Lists are copied so that no two devices share one array.
    return 'ok' in r && Array.isArray(r.ok) ? { ok: [...r.ok] } : r
  }

  // Fields every row sets (its columns); a row that leaves a non-clearable cell blank gets its own smaller set.
  const sharedGiven: ReadonlySet<keyof DeviceFields> = new Set(
    fieldCols.flatMap((c) => (c.spec.field === 'id' ? [] : [c.spec.field])),
  )

  return (tr: TableRow): RowOutcome => {
    const problems: ImportProblemDto[] = []
    const warnings: ImportProblemDto[] = []
    // Values as parallel arrays: cheaper than building an object per row when the fast path takes it.
    const keys: (keyof DeviceFields)[] = []
    const vals: unknown[] = []
    let quick = fastPath
    let skipped: (keyof DeviceFields)[] | null = null
    let deviceId: string | null = null
    let categorySet = false
    let unknownCategory: { header: string; value: string } | null = null
    const err = (column: string, value: string, message: string, messageJa: string) =>
      problems.push({ row: tr.row, column, value, message, messageJa, severity: 'error' })

    for (const plan of plans) {
      const { col, spec } = plan
      const cell = unguard((tr.cells[col.index] ?? '').trim())
      if (spec.field === 'id') {
        deviceId = cell === '' ? null : cell
        continue
      }
      const field = spec.field
      if (cell === '') {
        if (!plan.clearable) {
          skipped ??= []
          skipped.push(field)
        } else {
          keys.push(field)
          vals.push(Array.isArray(plan.blank) ? [] : plan.blank)
        }
        continue
      }
      if (spec.type === 'text') {
        // Plain text needs no reading: skip the result object (most columns of a ledger are text).
        if (quick && !okText(cell, TEXT_MAX.get(field) ?? SAFE_TEXT)) quick = false
        keys.push(field)
        vals.push(cell)
        continue
      }
      let r = read(plan, cell)
      if ('error' in r && field === 'serviceLifeEnd') {
        // 耐用年限 is often written as a number of years ("6年"): turn it into a date from the installation date.
        const years = readLifeYears(cell)
        if (years !== null) {
          const inst = installedCol ? readDate(unguard((tr.cells[installedCol.index] ?? '').trim())) : null
          if (inst && 'ok' in inst) {
            r = { ok: addYears(inst.ok, years) }
            warnings.push({
              row: tr.row,
              column: col.header,
              value: cell,
              severity: 'warning',
              message: `Read as ${years} years after the installation date: ${r.ok}.`,
              messageJa: `導入日から ${years} 年後の ${r.ok} として読み込みました。`,
            })
          } else {
            r = {
              error: `"${cell}" looks like a service life in years, but the row has no valid installation date (導入日) to count from. Write the end date instead.`,
              errorJa: `"${cell}" は耐用年数のようですが、この行には起算日となる正しい導入日がありません。耐用期間の終了日を日付で入力してください。`,
            }
          }
        }
      }
      if ('error' in r && field === 'category') {
        // A category the list does not know is not worth refusing the row for: it becomes その他 (or what the device
        // name says, below), and the person is told so. On update the device keeps its category.
        unknownCategory = { header: col.header, value: cell }
        skipped ??= []
        skipped.push(field)
        continue
      }
      if ('error' in r) {
        err(col.header, cell, r.error, r.errorJa)
        continue
      }
      if (field === 'category') categorySet = true
      if (quick && !isQuick(field, r.ok)) quick = false
      keys.push(field)
      vals.push(r.ok)
    }

    // Most ledgers have no custom columns: share one empty record instead of two objects per row.
    const custom: Record<string, string | null> = customCols.length > 0 ? {} : NO_CUSTOM
    const customFields: Record<string, string> = {}
    for (const col of customCols) {
      const cell = unguard((tr.cells[col.index] ?? '').trim())
      custom[col.name] = cell === '' ? null : cell
      if (cell !== '') {
        customFields[col.name] = cell
        if (quick && (col.name.length > SAFE_TEXT || !okText(cell))) quick = false
      }
    }

    if (problems.length > 0) return { ok: null, problems }
    let given = sharedGiven
    if (skipped) {
      const fewer = new Set(sharedGiven)
      for (const f of skipped) fewer.delete(f)
      given = fewer
    }
    let parsed: { success: true; data: DeviceFields } | ReturnType<typeof deviceInput.safeParse>
    if (quick) {
      const data = defaultFields()
      // A plain keyed store (an inline cache in V8) instead of Reflect.set, which is a runtime call per field.
      const bag: Record<string, unknown> = data
      for (let i = 0; i < keys.length; i++) bag[keys[i]!] = vals[i]
      data.customFields = customFields
      parsed = { success: true, data }
    } else {
      const raw: Record<string, unknown> = { customFields }
      for (let i = 0; i < keys.length; i++) raw[keys[i]!] = vals[i]
      parsed = deviceInput.safeParse(raw)
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '')
        const column =
          key === 'customFields'
            ? (customCols.find((c) => c.name === issue.path[1])?.header ?? null)
            : (headerOf.get(key) ?? null)
        const value = column === null ? null : (tr.cells[columns.find((c) => c.header === column)?.index ?? -1] ?? null)
        const labelJa = fieldLabelJa(key === 'customFields' ? `customFields.${String(issue.path[1] ?? '')}` : key)
        problems.push({
          row: tr.row,
          column,
          value,
          message: issue.message,
          messageJa: zodIssueJa(issue, column ?? labelJa),
          severity: 'error',
        })
      }
      return { ok: null, problems }
    }
    const fields = parsed.data
    if (!categorySet) {
      // No category given (no column, a blank or unknown cell): the generic name usually says it (輸液ポンプ).
      const inferred = fields.name === null ? null : categoryOfName(fields.name)
      if (inferred !== null) fields.category = inferred
      if (unknownCategory) {
        const label = CATEGORY_LABEL_JA[fields.category]
        warnings.push({
          row: tr.row,
          column: unknownCategory.header,
          value: unknownCategory.value,
          severity: 'warning',
          message:
            inferred !== null
              ? `"${unknownCategory.value}" is not a known category; the device name "${fields.name}" says ${fields.category} (${label}), so that is used.`
              : `"${unknownCategory.value}" is not a known category; the device is imported as "other" (その他). Change the category later on the device page.`,
          messageJa:
            inferred !== null
              ? `"${unknownCategory.value}" は分類の一覧にないため、機器名「${fields.name}」から「${label}」として取り込みます。`
              : `"${unknownCategory.value}" は分類の一覧にないため、「その他」として取り込みます。機器の画面で後から分類を変更できます。`,
        })
      }
    }
    if (
      fields.assetTag === null &&
      fields.serialNumber === null &&
      fields.macAddresses.length === 0 &&
      deviceId === null
    ) {
      warnings.push({
        row: tr.row,
        column: null,
        value: null,
        severity: 'warning',
        message:
          'The row has no asset tag, serial number or MAC address, so a later import cannot recognise this device again; it is always created as new.',
        messageJa:
          'この行には資産番号・製造番号・MACアドレスのいずれもないため、次回の取り込みで同じ機器と判別できず、毎回新しい機器として登録されます。',
      })
    }
    return { ok: { row: tr.row, fields, given, custom, deviceId }, warnings }
  }
}

/**
 * Japanese text for a schema issue from `deviceInput` (zod 4 issue codes), naming the column as the file writes it
 * (or the field's Japanese header). zod's own messages are English only; the codes carry the limits we need.
 */
export function zodIssueJa(issue: z.core.$ZodIssue, label: string): string {
  // An element of a list (["ipAddresses", 3]) is named by its position, as people count: 4 番目.
  const at = typeof issue.path[1] === 'number' ? ` の ${issue.path[1] + 1} 番目の値` : ''
  const where = `「${label}」${at}`
  switch (issue.code) {
    case 'too_big': {
      const max = String(issue.maximum)
      if (issue.origin === 'string') return `${where}が長すぎます。${max} 文字以内にしてください。`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${where}の数が多すぎます。${max} 個までにしてください。`
      return `${where}が大きすぎます。${max} 以下にしてください。`
    }
    case 'too_small': {
      const min = String(issue.minimum)
      if (issue.origin === 'string') {
        return min === '1'
          ? `${where}が空です。値を入力してください。`
          : `${where}が短すぎます。${min} 文字以上にしてください。`
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${where}の数が足りません。${min} 個以上にしてください。`
      return `${where}が小さすぎます。${min} 以上にしてください。`
    }
    case 'invalid_type':
      return `${where}の値の形式が正しくありません。`
    case 'invalid_value':
      return `${where}は選べる値のどれにも当たりません(選べる値: ${issue.values.map(String).join('、')})。`
    case 'invalid_format':
      return issue.format === 'regex' && /date/i.test(issue.message)
        ? `${where}は日付として読めません。2023-04-01 のように入力してください。`
        : `${where}の書き方が正しくありません。`
    case 'custom':
      return /calendar date/i.test(issue.message)
        ? `${where}は存在しない日付です。`
        : `${where}の値が正しくありません。`
    default:
      return `${where}の値が正しくありません。`
  }
}
