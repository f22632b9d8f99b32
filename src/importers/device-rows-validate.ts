import { type DeviceFields, deviceInput } from '../../api/device.js'
import type { ImportProblemDto } from '../../api/import.js'
import { unguardFormula } from '../core/csv-formula.js'
import { CATEGORY_LABEL_JA, categoryOfName } from '../core/generic-names.js'
import { addYears, blankValue, type Read, readCell, readDate, readLifeYears } from '../core/ledger/cells.js'
import { defaultFields, TEXT_LIMITS } from '../core/ledger/device.js'
import { fieldLabelJa } from '../core/ledger/fields.js'
import { importText, type ValidRow } from '../core/ledger/import-row.js'
import type { MappedColumn } from './device-columns.js'
import type { TableRow } from './device-table.js'
import { zodIssueJa } from './schema-issue-ja.js'

/**
 * Table rows → valid ledger rows: each cell read by its field's type (core/ledger/cells.ts), then the whole row
 * checked against the API's `deviceInput` schema, so the API and the import accept exactly the same records.
 */

export type { ValidRow } from '../core/ledger/import-row.js'
export { zodIssueJa } from './schema-issue-ja.js'

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

const NO_CUSTOM: Readonly<Record<string, string | null>> = Object.freeze({})
/** The warnings of a row that has none: one shared, frozen empty list. */
const NO_WARNINGS: ImportProblemDto[] = Object.freeze([]) as unknown as ImportProblemDto[]

/** Conservative bounds for list items and fields whose limit is not a plain `.max()` (tags are 50, lists 32). */
const SAFE_TEXT = 50
const SAFE_LIST = 32

const okText = (v: unknown, max = SAFE_TEXT) =>
  typeof v === 'string' && v.length > 0 && v.length <= max && v === v.trim()

/**
 * A string of its own, not a slice of the file's text. V8 keeps a substring of 13 characters or more as a pointer
 * into its parent string, so one kept cell would keep a whole decoded chunk of the file alive (and with it, over a
 * large file, all of its text); concatenating and slicing again copies just the cell.
 */
const own = (s: string): string => (s.length >= 13 ? ` ${s}`.slice(1) : s)

/**
 * Text kept in a device, copied once per distinct value of a column ({@link own}): ledgers repeat the same
 * manufacturer, department or location on thousands of rows, which then share one string. Bounded like the memo.
 */
const keepText = (texts: Map<string, string>, s: string): string => {
  let k = texts.get(s)
  if (k === undefined) {
    k = own(s)
    if (texts.size < 10_000) texts.set(k, k)
  }
  return k
}

/** A cell reading whose text (a string, or the strings of a list) is its own ({@link own}), not part of the file. */
function ownRead(r: Read<unknown>): Read<unknown> {
  if (!('ok' in r)) return r
  if (typeof r.ok === 'string') return r.ok.length >= 13 ? { ok: own(r.ok) } : r
  if (Array.isArray(r.ok)) {
    const list: unknown[] = r.ok
    if (list.some((x) => typeof x === 'string' && x.length >= 13))
      return { ok: list.map((x) => (typeof x === 'string' ? own(x) : x)) }
  }
  return r
}

/** The longest text of each plain text field (core/ledger/device.ts, which the API schema is built from too). */
const TEXT_MAX: ReadonlyMap<string, number> = new Map(Object.entries(TEXT_LIMITS))

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
    texts: new Map<string, string>(),
  }))
  const customTexts = new Map<string, string>()
  const read = (plan: (typeof plans)[number], cell: string): Read<unknown> => {
    const m = plan.memo
    if (m === null) return ownRead(readCell(plan.spec, cell))
    let r = m.get(cell)
    if (r === undefined) {
      r = ownRead(readCell(plan.spec, cell))
      if (m.size < 10_000) m.set(own(cell), r)
    }
    // Lists are copied so that no two devices share one array.
    return 'ok' in r && Array.isArray(r.ok) ? { ok: [...r.ok] } : r
  }

  // Fields every row sets (its columns); a row that leaves a non-clearable cell blank gets its own smaller set.
  const sharedGiven: ReadonlySet<keyof DeviceFields> = new Set(
    fieldCols.flatMap((c) => (c.spec.field === 'id' ? [] : [c.spec.field])),
  )

  // Scratch arrays reused from row to row (the validator is synchronous): a row that is fine allocates none of them.
  const problems: ImportProblemDto[] = []
  const warnings: ImportProblemDto[] = []
  // Values as parallel arrays: cheaper than building an object per row when the fast path takes it.
  const keys: (keyof DeviceFields)[] = []
  const vals: unknown[] = []
  const rejectRow = (): RowOutcome => ({ ok: null, problems: problems.slice() })

  return (tr: TableRow): RowOutcome => {
    problems.length = 0
    warnings.length = 0
    keys.length = 0
    vals.length = 0
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
        deviceId = cell === '' ? null : own(cell)
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
        vals.push(keepText(plan.texts, cell))
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
              ...importText('rowLifeYears', { years, date: String(r.ok) }),
            })
          } else {
            const t = importText('rowLifeYearsNoStart', { value: cell })
            r = { error: t.message, errorJa: t.messageJa }
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
      const kept = cell === '' ? null : keepText(customTexts, cell)
      custom[col.name] = kept
      if (kept !== null) {
        customFields[col.name] = kept
        if (quick && (col.name.length > SAFE_TEXT || !okText(cell))) quick = false
      }
    }

    if (problems.length > 0) return rejectRow()
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
      const bag: { [K in keyof DeviceFields]: unknown } = data
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
      return rejectRow()
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
          ...(inferred !== null
            ? importText('rowCategoryFromName', {
                value: unknownCategory.value,
                name: String(fields.name),
                category: { en: `${fields.category} (${label})`, ja: label },
              })
            : importText('rowCategoryOther', { value: unknownCategory.value })),
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
        ...importText('rowNoKey'),
      })
    }
    return {
      ok: { row: tr.row, fields, given, custom, deviceId },
      warnings: warnings.length === 0 ? NO_WARNINGS : warnings.slice(),
    }
  }
}
