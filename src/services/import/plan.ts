import { randomUUID } from 'node:crypto'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { ImportPreview, ImportProblemDto } from '../../../api/import.js'
import { decideRow, summaryOf } from '../../core/ledger/decide.js'
import type { Device, DeviceFields } from '../../core/ledger/device.js'
import { describeDiff } from '../../core/ledger/diff.js'
import { duplicateProblems, findDuplicates } from '../../core/ledger/duplicates.js'
import { importText, Rejections, type ValidRow } from '../../core/ledger/import-row.js'
import type { DeviceImportReads, DeviceKeys } from '../../core/ledger/import-store.js'
import { keysOf } from '../../core/ledger/keys.js'
import { matchRows } from '../../core/ledger/matching.js'
import { type ColumnMapping, locateHeader, mapColumns } from '../../importers/device-columns.js'
import { createRowValidator } from '../../importers/device-rows-validate.js'
import { openDeviceTable, sniffFormat, type TableRow, type TableStream } from '../../importers/device-table.js'
import { appendCapped, collapseRepeated, PreviewSamples } from './preview.js'
import { uuidV7Sequence } from './uuid-v7.js'

/**
 * Planning a ledger import: a dry run that writes nothing. The file is read and mapped by the importer, each row
 * validated, then the ledger's rules (core/ledger: duplicates, matching, diff, decide) say what happens to each row.
 * The only I/O is two reads through the store port: the site ids and the devices the rows' keys point at.
 */

export type { ImportAction } from '../../core/ledger/decide.js'

export interface PlannedCreate {
  row: number
  id: string
  fields: DeviceFields
}

export interface PlannedUpdate {
  row: number
  before: Device
  after: DeviceFields
  changed: (keyof DeviceFields)[]
}

/** A dry-run result plus everything needed to commit it later. */
export interface ImportPlan {
  preview: ImportPreview
  creates: PlannedCreate[]
  updates: PlannedUpdate[]
  /** Keys of every valid row, looked up again at commit time. */
  keys: DeviceKeys
  /** id → version of every device the keys matched at planning time. */
  snapshot: Map<string, number>
  /** Sites the creates/updates reference that do not exist yet; the commit creates them. */
  missingSites: string[]
  /** The header row as written in the file (for the rejected-rows file). */
  header: string[]
  /** Rejected rows as written in the file, with their problems, to download, fix and import again. */
  rejectedRows: { row: number; cells: string[]; problems: ImportProblemDto[] }[]
}

export type Progress = (phase: 'validate' | 'match' | 'write', done: number, total: number) => void

export interface PlanOptions {
  fileName: string
  importId?: string
  onProgress?: Progress
  /** Problems kept in the preview (the counts stay exact). */
  maxProblems?: number
  /** Sample rows kept per action. */
  samplePerAction?: number
  /** A person's column choices (header as written → field id, `customFields.<name>` or null to ignore). */
  mapping?: Readonly<Record<string, string | null>>
}

/** A file-level error with its catalog text `import.<key>`. */
const errorOf = (row: number | null, key: string): ImportProblemDto => ({
  row,
  column: null,
  value: null,
  ...importText(key),
  severity: 'error',
})

/** Rows the header is looked for in (a title or a blank line may stand above it). */
const HEADER_SCAN = 10

/** Steps 1 and 2 together: what reading the file row by row leaves behind (never the file's table itself). */
interface ReadRows {
  stream: TableStream
  map: ColumnMapping
  valid: ValidRow[]
  warnings: ImportProblemDto[]
  /** Cells of the rows the validator rejected, for the rejected-rows file: the only cells kept. */
  rejectedCells: Map<number, string[]>
}

/**
 * Steps 1 and 2: bytes → header and mapping → every data row validated as it is read (CSV is decoded and parsed a
 * chunk at a time, so neither the text nor the table is held whole). Fills the file-level parts of the preview;
 * null (and `fatal`) when the file is unusable. Yields to the event loop every 5,000 rows.
 */
async function readRows(
  bytes: Uint8Array,
  opts: PlanOptions,
  plan: ImportPlan,
  rejected: Rejections,
): Promise<ReadRows | null> {
  const { preview } = plan
  const fatal = (ps: ImportProblemDto[]) => {
    preview.problems.push(...ps)
    preview.fatal = true
    return null
  }
  preview.format = sniffFormat(bytes, opts.fileName)
  const opened = await openDeviceTable(bytes, opts.fileName)
  if (!opened.stream) return fatal(opened.problems)
  const { stream } = opened
  preview.format = stream.format
  preview.encoding = stream.encoding
  const it = stream.rows()
  const head: TableRow[] = []
  let end: IteratorReturnResult<ImportProblemDto[] | null> | null = null
  while (head.length < HEADER_SCAN) {
    const next = it.next()
    if (next.done) {
      end = next
      break
    }
    head.push(next.value)
  }
  if (end?.value) return fatal(end.value)
  if (head.length === 0) {
    preview.problems.push(...stream.problems)
    return fatal([errorOf(null, 'fileNoRows')])
  }

  // What the header says is only put into the preview once the whole file has been read: a file-level failure
  // further down (binary data, an unclosed quote) makes the file unusable, and then only that failure is reported.
  const headerAt = locateHeader(head)
  const headerRow = head[headerAt]!
  const headerProblems: ImportProblemDto[] = [...stream.problems]
  if (headerAt > 0) {
    headerProblems.push({
      row: headerRow.row,
      column: null,
      value: null,
      severity: 'warning',
      ...importText('headerBelowTitle', { row: headerRow.row, above: headerAt }),
    })
  }
  const map = mapColumns(headerRow.cells, opts.mapping)
  // mapColumns numbers header problems as row 1; point them at the real header row.
  for (const p of map.problems) headerProblems.push({ ...p, row: headerRow.row })

  // A file whose header cannot be used still says how many rows it has: its rows are counted, not validated.
  const validate = map.fatal ? null : createRowValidator(map.columns)
  const valid: ValidRow[] = []
  const warnings: ImportProblemDto[] = []
  const rejectedCells = new Map<number, string[]>()
  const width = headerRow.cells.length
  let count = 0
  const onRow = (tr: TableRow) => {
    count++
    if (validate === null) return
    const out = validate(tr)
    if (out.ok) {
      valid.push(out.ok)
      for (const w of out.warnings) warnings.push(w)
    } else {
      for (const p of out.problems) rejected.add(tr.row, p)
      rejectedCells.set(tr.row, tr.cells)
    }
    if (tr.cells.length > width && tr.cells.slice(width).some((c) => c.trim() !== '')) {
      warnings.push({
        row: tr.row,
        column: null,
        value: tr.cells.slice(width).find((c) => c.trim() !== '') ?? null,
        severity: 'warning',
        ...importText('rowTooWide', { cells: tr.cells.length, width }),
      })
    }
  }
  for (let i = headerAt + 1; i < head.length; i++) onRow(head[i]!)
  while (end === null) {
    const next = it.next()
    if (next.done) {
      end = next
      break
    }
    onRow(next.value)
    if (count % 5000 === 0) {
      // The total is not known before the end of the file: estimate it from the share of the file read.
      const f = stream.readFraction()
      opts.onProgress?.('validate', count, Math.max(count, f > 0 ? Math.round(count / f) : count))
      // Let the server answer other requests while a large file is checked.
      await yieldToEventLoop()
    }
  }
  if (end.value) {
    for (const row of rejected.rows()) rejected.byRow.delete(row)
    return fatal(end.value)
  }
  opts.onProgress?.('validate', count, count)

  preview.problems.push(...headerProblems)
  plan.header = headerRow.cells
  preview.mapping = map.mapping
  preview.unknownColumns = map.unknownColumns
  preview.totalRows = count
  if (map.fatal) return fatal([])
  if (count === 0) return fatal([errorOf(headerRow.row, 'fileNoDataRows')])
  return { stream, map, valid, warnings, rejectedCells }
}

/** Reads the file again for the cells of `rows` (rows rejected after validation: duplicates, ambiguous matches). */
function cellsOfRows(stream: TableStream, rows: ReadonlySet<number>, into: Map<number, string[]>): void {
  let left = rows.size
  if (left === 0) return
  for (const tr of stream.rows()) {
    if (!rows.has(tr.row)) continue
    into.set(tr.row, tr.cells)
    if (--left === 0) break
  }
}

/**
 * Dry run: parses the file, validates every row and decides what would happen to it. Writes nothing.
 * A file-level problem (unreadable file, no header, duplicate columns) gives `preview.fatal = true`.
 */
export async function planDeviceImport(
  store: DeviceImportReads,
  bytes: Uint8Array,
  opts: PlanOptions,
): Promise<ImportPlan> {
  const problems: ImportProblemDto[] = []
  const preview: ImportPreview = {
    importId: opts.importId ?? randomUUID(),
    fileName: opts.fileName,
    format: 'csv',
    encoding: null,
    totalRows: 0,
    mapping: {},
    unknownColumns: [],
    toCreate: 0,
    toUpdate: 0,
    unchanged: 0,
    rejected: 0,
    sample: [],
    problems,
    fatal: false,
  }
  const plan: ImportPlan = {
    preview,
    creates: [],
    updates: [],
    keys: { ids: [], assetTags: [], serials: [], macs: [] },
    snapshot: new Map(),
    missingSites: [],
    header: [],
    rejectedRows: [],
  }
  const rejected = new Rejections()
  const table = await readRows(bytes, opts, plan, rejected)
  if (!table) return plan
  const { valid, warnings } = table
  const headerFor = (field: string) =>
    table.map.columns.find((c) => c.kind === 'field' && c.spec.field === field)?.header ?? null

  for (const p of duplicateProblems(findDuplicates(valid), headerFor)) rejected.add(p.row, p)
  let rows = valid.filter((v) => !rejected.has(v.row))

  // Like the device form, a new site id creates the site (named after its id).
  const sites = new Set(await store.siteIds())
  const missingSites = [...new Set(rows.map((v) => v.fields.siteId))].filter((id) => !sites.has(id))

  const keys = keysOf(rows)
  opts.onProgress?.('match', 0, rows.length)
  const existing = await store.findByKeys(keys)
  const match = matchRows(rows, existing, headerFor)
  for (const p of match.rejected) rejected.add(p.row, p)
  rows = rows.filter((v) => !rejected.has(v.row))

  const samples = new PreviewSamples(opts.samplePerAction ?? 20)
  const newId = uuidV7Sequence()
  for (const v of rows) {
    const d = decideRow(v, match.target.get(v.row))
    const by = match.matchedBy.get(v.row) ?? null
    if (d.action === 'create') {
      plan.creates.push({ row: v.row, id: newId(), fields: d.fields })
      samples.add('create', v.row, d.fields.assetTag, () => summaryOf(d.fields), null)
    } else if (d.action === 'unchanged') {
      preview.unchanged++
      samples.add('unchanged', v.row, d.device.assetTag, () => summaryOf(d.diff.before), by)
    } else {
      plan.updates.push({ row: v.row, before: d.device, after: d.diff.after, changed: d.diff.changed })
      samples.add('update', v.row, d.device.assetTag, () => describeDiff(d.diff), by)
    }
  }

  const rejectedRows = rejected.rows()
  for (const row of rejectedRows) {
    const first = rejected.byRow.get(row)![0]!
    samples.add('reject', row, null, () => `${first.column ? `${first.column}: ` : ''}${first.message}`, null)
  }
  // Errors first (they block rows), then warnings; a warning repeated on many rows is listed once with its rows.
  const rowProblems = rejectedRows.flatMap((r) => rejected.byRow.get(r)!)
  appendCapped(problems, [...rowProblems, ...collapseRepeated(warnings)], opts.maxProblems ?? 1000)
  preview.toCreate = plan.creates.length
  preview.toUpdate = plan.updates.length
  preview.rejected = rejectedRows.length
  preview.sample = samples.list()
  // Only sites that a write will actually reference are created.
  const used = new Set([...plan.creates.map((c) => c.fields.siteId), ...plan.updates.map((u) => u.after.siteId)])
  const cellsOf = table.rejectedCells
  cellsOfRows(table.stream, new Set(rejectedRows.filter((r) => !cellsOf.has(r))), cellsOf)
  plan.keys = keys
  plan.snapshot = new Map(existing.map((d) => [d.id, d.version]))
  plan.missingSites = missingSites.filter((s) => used.has(s))
  plan.rejectedRows = rejectedRows.map((row) => ({
    row,
    cells: cellsOf.get(row) ?? [],
    problems: rejected.byRow.get(row)!,
  }))
  return plan
}
