import { randomBytes, randomUUID } from 'node:crypto'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Device, DeviceFields } from '../../api/device.js'
import type { ImportPreview, ImportProblemDto, ImportResult } from '../../api/import.js'
import { MamoriError } from '../core/errors.js'
import { locateHeader, mapColumns } from '../importers/device-columns.js'
import { createRowValidator, type ValidRow } from '../importers/device-rows-validate.js'
import { parseDeviceTable, sniffFormat } from '../importers/device-table.js'
import type {
  Actor,
  AuditDraft,
  DeviceImportReads,
  DeviceImportStore,
  DeviceKeys,
  DeviceUpdateWrite,
  DeviceWrite,
} from '../storage/device-import-store.js'

/**
 * The ledger import use case: plan (a dry run that writes nothing) and commit (one transaction).
 *
 * Planning matches each valid row to an existing device by device id (from an earlier export), then asset tag, then
 * serial number, then MAC address, and decides create / update (only the fields that differ) / unchanged / reject.
 * Committing re-reads the same devices inside the transaction and aborts if any of them changed since the preview.
 */

export type ImportAction = 'create' | 'update' | 'unchanged' | 'reject'

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

/**
 * Ids for the devices one import creates: RFC 9562 UUIDv7 layout (48-bit Unix ms, version 7, variant 10) with a
 * 40-bit counter from a random start in the "random" bits, so that ids of one import sort in creation order. The
 * database inserts them at the end of the primary-key index instead of at random places, ~25% faster on 100,000 rows.
 */
export function uuidV7Sequence(now = Date.now()): () => string {
  const ts = now.toString(16).padStart(12, '0').slice(-12)
  const tail = randomBytes(4).toString('hex')
  let counter = randomBytes(5).readUIntBE(0, 5) % 2 ** 39
  return () => {
    const c = (counter++).toString(16).padStart(10, '0')
    return `${ts.slice(0, 8)}-${ts.slice(8)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6)}${tail}`
  }
}

const PLACEHOLDERS = new Set([
  '-',
  '－',
  'ー',
  'n/a',
  'na',
  'none',
  'unknown',
  '不明',
  'なし',
  '無し',
  '未確認',
  '?',
  '？',
])

/** A serial number worth matching on: not empty and not a placeholder like "不明" or "N/A". */
function serialKey(d: DeviceFields): string | null {
  const s = d.serialNumber
  if (s === null || PLACEHOLDERS.has(s.toLowerCase())) return null
  return s
}

const sameManufacturer = (a: string | null, b: string | null) =>
  a === null || b === null || a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase()

const FIELD_LABEL: Partial<Record<keyof DeviceFields, string>> = {
  assetTag: 'asset tag',
  serialNumber: 'serial number',
  macAddresses: 'MAC address',
}

/** Japanese names of the keys a row is matched by (what the ledger's own headers call them). */
const KEY_LABEL_JA: Record<string, string> = {
  id: '機器ID',
  assetTag: '資産番号',
  serialNumber: '製造番号',
  macAddresses: 'MACアドレス',
  macAddress: 'MACアドレス',
}

function listRows(rows: number[]): string {
  if (rows.length === 2) return `rows ${rows[0]} and ${rows[1]}`
  return `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`
}

/** 「6 行目と 7 行目」 for two rows, 「6、7、9 行目」 for more. */
function listRowsJa(rows: number[]): string {
  if (rows.length === 2) return `${rows[0]} 行目と ${rows[1]} 行目`
  return `${rows.join('、')} 行目`
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b) || (typeof a === 'object' && a !== null)) {
    return JSON.stringify(a) === JSON.stringify(b)
  }
  return false
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function fieldsOf(d: Device): DeviceFields {
  const { id: _i, version: _v, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...fields } = d
  return fields
}

function summaryOf(f: DeviceFields): string {
  const parts = [f.name, f.manufacturer, f.model, f.department, f.ipAddresses[0] ?? f.hostname].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  )
  return parts.join(' / ') || f.category
}

const fmt = (v: unknown) =>
  v === null ? '—' : Array.isArray(v) ? v.join(', ') || '—' : typeof v === 'object' ? JSON.stringify(v) : String(v)

/**
 * Dry run: parses the file, validates every row and decides what would happen to it. Writes nothing.
 * A file-level problem (unreadable file, no header, duplicate columns) gives `preview.fatal = true`.
 */
export async function planDeviceImport(
  store: DeviceImportReads,
  bytes: Uint8Array,
  opts: PlanOptions,
): Promise<ImportPlan> {
  const importId = opts.importId ?? randomUUID()
  const maxProblems = opts.maxProblems ?? 1000
  const perAction = opts.samplePerAction ?? 20
  const problems: ImportProblemDto[] = []
  const preview: ImportPreview = {
    importId,
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
  const empty: ImportPlan = {
    preview,
    creates: [],
    updates: [],
    keys: { ids: [], assetTags: [], serials: [], macs: [] },
    snapshot: new Map(),
    missingSites: [],
    header: [],
    rejectedRows: [],
  }
  const fatal = (ps: ImportProblemDto[]): ImportPlan => {
    problems.push(...ps)
    preview.fatal = true
    return empty
  }

  preview.format = sniffFormat(bytes, opts.fileName)
  const parsed = await parseDeviceTable(bytes, opts.fileName)
  if (!parsed.table) return fatal(parsed.problems)
  const { table } = parsed
  preview.format = table.format
  preview.encoding = table.encoding
  problems.push(...parsed.problems)
  if (table.rows.length === 0)
    return fatal([
      {
        row: null,
        column: null,
        value: null,
        message: 'The file has no rows.',
        messageJa: 'ファイルにデータ行がありません。',
        severity: 'error',
      },
    ])

  const headerAt = locateHeader(table.rows)
  const headerRow = table.rows[headerAt]!
  if (headerAt > 0) {
    problems.push({
      row: headerRow.row,
      column: null,
      value: null,
      severity: 'warning',
      message: `The header was found on row ${headerRow.row}; the ${headerAt} row(s) above it are ignored.`,
      messageJa: `見出し行を ${headerRow.row} 行目に見つけました。それより上の ${headerAt} 行は取り込みません。`,
    })
  }
  empty.header = headerRow.cells
  const map = mapColumns(headerRow.cells, opts.mapping)
  // mapColumns numbers header problems as row 1; point them at the real header row.
  for (const p of map.problems) problems.push({ ...p, row: headerRow.row })
  preview.mapping = map.mapping
  preview.unknownColumns = map.unknownColumns
  // Rows, not problems: a file whose header cannot be used still says how many rows it has.
  preview.totalRows = table.rows.length - headerAt - 1
  if (map.fatal) {
    preview.fatal = true
    return empty
  }

  // --- validate every row ---------------------------------------------------------------------------------------
  const dataRows = table.rows.slice(headerAt + 1)
  preview.totalRows = dataRows.length
  if (dataRows.length === 0) {
    return fatal([
      {
        row: headerRow.row,
        column: null,
        value: null,
        message: 'The file has a header but no data rows.',
        messageJa: '見出し行はありますが、その下にデータ行がありません。',
        severity: 'error',
      },
    ])
  }
  const validate = createRowValidator(map.columns)
  const rejected = new Map<number, ImportProblemDto[]>()
  const reject = (row: number, p: ImportProblemDto) => {
    const list = rejected.get(row)
    if (list) list.push(p)
    else rejected.set(row, [p])
  }
  const valid: ValidRow[] = []
  const warnings: ImportProblemDto[] = []
  const width = headerRow.cells.length
  for (let i = 0; i < dataRows.length; i++) {
    const tr = dataRows[i]!
    const out = validate(tr)
    if (out.ok) {
      valid.push(out.ok)
      warnings.push(...out.warnings)
    } else for (const p of out.problems) reject(tr.row, p)
    if (tr.cells.length > width && tr.cells.slice(width).some((c) => c.trim() !== '')) {
      warnings.push({
        row: tr.row,
        column: null,
        value: tr.cells.slice(width).find((c) => c.trim() !== '') ?? null,
        severity: 'warning',
        message: `The row has ${tr.cells.length} cells but the header only ${width}; cells right of the header are ignored.`,
        messageJa: `この行は ${tr.cells.length} 列ありますが、見出しは ${width} 列です。見出しより右のセルは取り込みません。`,
      })
    }
    if (i % 5000 === 4999) {
      opts.onProgress?.('validate', i + 1, dataRows.length)
      // Let the server answer other requests while a large file is checked.
      await yieldToEventLoop()
    }
  }
  opts.onProgress?.('validate', dataRows.length, dataRows.length)

  const headerFor = (field: string) =>
    map.columns.find((c) => c.kind === 'field' && c.spec.field === field)?.header ?? null

  // --- duplicates inside the file --------------------------------------------------------------------------------
  const groups = new Map<string, { field: keyof DeviceFields | 'id'; value: string; rows: number[] }>()
  const addKey = (field: keyof DeviceFields | 'id', key: string, value: string, row: number) => {
    const k = `${field}\u0000${key}`
    const g = groups.get(k)
    if (g) g.rows.push(row)
    else groups.set(k, { field, value, rows: [row] })
  }
  for (const v of valid) {
    if (v.deviceId !== null) addKey('id', v.deviceId, v.deviceId, v.row)
    if (v.fields.assetTag !== null) addKey('assetTag', v.fields.assetTag, v.fields.assetTag, v.row)
    const serial = serialKey(v.fields)
    if (serial !== null) {
      addKey(
        'serialNumber',
        `${(v.fields.manufacturer ?? '').normalize('NFKC').toLowerCase()}\u0000${serial}`,
        serial,
        v.row,
      )
    }
    for (const mac of v.fields.macAddresses) addKey('macAddresses', mac, mac, v.row)
  }
  for (const g of groups.values()) {
    if (g.rows.length < 2) continue
    const label = g.field === 'id' ? 'device ID' : (FIELD_LABEL[g.field] ?? g.field)
    for (const row of g.rows) {
      reject(row, {
        row,
        column: headerFor(g.field),
        value: g.value,
        severity: 'error',
        message: `The same ${label} "${g.value}" appears on ${listRows(g.rows)}; each device may appear only once. Keep one of these rows.`,
        messageJa:
          g.rows.length === 2
            ? `${KEY_LABEL_JA[g.field] ?? g.field} "${g.value}" が ${listRowsJa(g.rows)}に重複しています。どちらか一方だけを残してください。`
            : `${KEY_LABEL_JA[g.field] ?? g.field} "${g.value}" が ${listRowsJa(g.rows)}に重複しています。いずれか1行だけを残してください。`,
      })
    }
  }
  let rows = valid.filter((v) => !rejected.has(v.row))

  // --- sites: like the device form, a new site id creates the site (named after its id) --------------------------
  const sites = new Set(await store.siteIds())
  const missingSites = [...new Set(rows.map((v) => v.fields.siteId))].filter((id) => !sites.has(id))

  // --- match against the ledger ----------------------------------------------------------------------------------
  const keys: DeviceKeys = {
    ids: rows.flatMap((v) => (v.deviceId === null ? [] : [v.deviceId])),
    assetTags: rows.flatMap((v) => (v.fields.assetTag === null ? [] : [v.fields.assetTag])),
    serials: rows.flatMap((v) => {
      const s = serialKey(v.fields)
      return s === null ? [] : [s]
    }),
    macs: rows.flatMap((v) => v.fields.macAddresses),
  }
  opts.onProgress?.('match', 0, rows.length)
  const existing = await store.findByKeys(keys)
  const snapshot = new Map(existing.map((d) => [d.id, d.version]))
  const byId = new Map(existing.map((d) => [d.id, d]))
  const index = (key: (d: Device) => string[]) => {
    const m = new Map<string, Device[]>()
    for (const d of existing) {
      for (const k of key(d)) {
        const list = m.get(k)
        if (list) list.push(d)
        else m.set(k, [d])
      }
    }
    return m
  }
  const byTag = index((d) => (d.assetTag === null ? [] : [d.assetTag]))
  const bySerial = index((d) => (d.serialNumber === null ? [] : [d.serialNumber]))
  const byMac = index((d) => d.macAddresses)

  const matchedBy = new Map<number, string>()
  const target = new Map<number, Device>()
  const rowsByDevice = new Map<string, number[]>()
  const describe = (d: Device) =>
    d.assetTag ? `asset tag ${d.assetTag}` : d.serialNumber ? `serial ${d.serialNumber}` : `id ${d.id}`
  const describeJa = (d: Device) =>
    d.assetTag ? `資産番号 ${d.assetTag}` : d.serialNumber ? `製造番号 ${d.serialNumber}` : `機器ID ${d.id}`
  // An empty match (e.g. a first import into an empty ledger) makes every row a create: skip the per-row lookups.
  for (const v of existing.length > 0 ? rows : []) {
    // Candidates from each key, in priority order; the first key that finds something decides.
    const tiers: { by: string; field: string; value: string; found: Device[] }[] = []
    if (v.deviceId !== null) {
      const d = byId.get(v.deviceId)
      tiers.push({ by: 'id', field: 'id', value: v.deviceId, found: d ? [d] : [] })
    }
    if (v.fields.assetTag !== null) {
      tiers.push({
        by: 'assetTag',
        field: 'assetTag',
        value: v.fields.assetTag,
        found: byTag.get(v.fields.assetTag) ?? [],
      })
    }
    const serial = serialKey(v.fields)
    if (serial !== null) {
      const found = (bySerial.get(serial) ?? []).filter((d) => sameManufacturer(d.manufacturer, v.fields.manufacturer))
      tiers.push({ by: 'serialNumber', field: 'serialNumber', value: serial, found })
    }
    for (const mac of v.fields.macAddresses) {
      tiers.push({ by: 'macAddress', field: 'macAddresses', value: mac, found: byMac.get(mac) ?? [] })
    }
    const first = tiers.find((t) => t.found.length > 0)
    if (!first) continue
    if (first.found.length > 1) {
      reject(v.row, {
        row: v.row,
        column: headerFor(first.field),
        value: first.value,
        severity: 'error',
        message: `${first.found.length} devices in the ledger have this ${first.by === 'macAddress' ? 'MAC address' : first.by === 'assetTag' ? 'asset tag' : first.by}; which one to update is unclear. Fix the ledger first.`,
        messageJa: `台帳にこの${KEY_LABEL_JA[first.by] ?? first.by}を持つ機器が ${first.found.length} 台あり、どれを更新すべきか判断できません。先に台帳を修正してください。`,
      })
      continue
    }
    const match = first.found[0]!
    // Another key pointing at a different device would leave two devices sharing a tag, serial or MAC.
    const clash = tiers.find((t) => t.found.length > 0 && t.found.some((d) => d.id !== match.id))
    if (clash) {
      const other = clash.found.find((d) => d.id !== match.id)!
      reject(v.row, {
        row: v.row,
        column: headerFor(clash.field),
        value: clash.value,
        severity: 'error',
        message: `This row matches the device with ${describe(match)} by ${first.by}, but its ${clash.by} "${clash.value}" belongs to another device (${describe(other)}). Correct the row or the ledger.`,
        messageJa: `この行は${KEY_LABEL_JA[first.by] ?? first.by}で台帳の機器(${describeJa(match)})に一致しますが、${KEY_LABEL_JA[clash.by] ?? clash.by} "${clash.value}" は別の機器(${describeJa(other)})のものです。この行か台帳を修正してください。`,
      })
      continue
    }
    target.set(v.row, match)
    matchedBy.set(v.row, first.by)
    const list = rowsByDevice.get(match.id)
    if (list) list.push(v.row)
    else rowsByDevice.set(match.id, [v.row])
  }
  for (const [id, rs] of rowsByDevice) {
    if (rs.length < 2) continue
    const d = byId.get(id) ?? existing.find((e) => e.id === id)!
    for (const row of rs) {
      reject(row, {
        row,
        column: null,
        value: null,
        severity: 'error',
        message: `${listRows(rs)} all match the same ledger device (${describe(d)}); each device may appear only once.`,
        messageJa: `${listRowsJa(rs)}が台帳の同じ機器(${describeJa(d)})に一致しています。1台の機器につき1行だけにしてください。`,
      })
    }
  }
  rows = rows.filter((v) => !rejected.has(v.row))

  // --- decide ----------------------------------------------------------------------------------------------------
  const creates: PlannedCreate[] = []
  const updates: PlannedUpdate[] = []
  const samples: Record<ImportAction, ImportPreview['sample']> = { create: [], update: [], unchanged: [], reject: [] }
  // The summary is a thunk: building it for 100,000 rows that are never shown is wasted work.
  const sample = (
    action: ImportAction,
    row: number,
    assetTag: string | null,
    summary: () => string,
    by: string | null,
  ) => {
    const list = samples[action]
    if (list.length < perAction) list.push({ row, action, assetTag, summary: summary(), matchedBy: by })
  }
  let unchanged = 0
  const newId = uuidV7Sequence()
  for (const v of rows) {
    const before = target.get(v.row)
    if (!before) {
      creates.push({ row: v.row, id: newId(), fields: v.fields })
      sample('create', v.row, v.fields.assetTag, () => summaryOf(v.fields), null)
      continue
    }
    const base = fieldsOf(before)
    const after: DeviceFields = { ...base }
    const changed: (keyof DeviceFields)[] = []
    for (const f of v.given) {
      if (!sameValue(base[f], v.fields[f])) {
        changed.push(f)
        Object.assign(after, { [f]: v.fields[f] })
      }
    }
    if (Object.keys(v.custom).length > 0) {
      const merged: Record<string, string> = { ...base.customFields }
      for (const [k, val] of Object.entries(v.custom)) {
        if (val === null) delete merged[k]
        else merged[k] = val
      }
      if (!sameValue(sortedRecord(merged), sortedRecord(base.customFields))) {
        changed.push('customFields')
        after.customFields = merged
      }
    }
    const by = matchedBy.get(v.row) ?? null
    if (changed.length === 0) {
      unchanged++
      sample('unchanged', v.row, before.assetTag, () => summaryOf(base), by)
    } else {
      updates.push({ row: v.row, before, after, changed })
      const diff = () =>
        changed
          .slice(0, 3)
          .map((f) => `${f}: ${fmt(base[f])} → ${fmt(after[f])}`)
          .join('; ') + (changed.length > 3 ? `; +${changed.length - 3} more` : '')
      sample('update', v.row, before.assetTag, diff, by)
    }
  }

  const rejectedRows = [...rejected.keys()].sort((a, b) => a - b)
  for (const row of rejectedRows) {
    const first = rejected.get(row)![0]!
    sample('reject', row, null, () => `${first.column ? `${first.column}: ` : ''}${first.message}`, null)
  }
  const rowProblems = rejectedRows.flatMap((r) => rejected.get(r)!)
  // Errors first (they block rows), then warnings; a warning repeated on many rows is listed once with its rows.
  const all = [...rowProblems, ...collapseRepeated(warnings)]
  const room = Math.max(0, maxProblems - problems.length)
  problems.push(...all.slice(0, room))
  if (all.length > room) {
    problems.push({
      row: null,
      column: null,
      value: null,
      severity: 'warning',
      message: `${all.length - room} more problems are not listed; fix the ones above and preview again.`,
      messageJa: `ほかに ${all.length - room} 件の問題があります(表示を省略)。上の問題を直してから、もう一度確認してください。`,
    })
  }
  preview.toCreate = creates.length
  preview.toUpdate = updates.length
  preview.unchanged = unchanged
  preview.rejected = rejectedRows.length
  preview.sample = [...samples.create, ...samples.update, ...samples.unchanged, ...samples.reject]
  // Only sites that a write will actually reference are created.
  const used = new Set([...creates.map((c) => c.fields.siteId), ...updates.map((u) => u.after.siteId)])
  const cellsOf = new Map(dataRows.map((r) => [r.row, r.cells]))
  return {
    preview,
    creates,
    updates,
    keys,
    snapshot,
    missingSites: missingSites.filter((s) => used.has(s)),
    header: headerRow.cells,
    rejectedRows: rejectedRows.map((row) => ({ row, cells: cellsOf.get(row) ?? [], problems: rejected.get(row)! })),
  }
}

/** Warnings with the same message on more than five rows become one warning that lists the rows. */
export function collapseRepeated(warnings: readonly ImportProblemDto[]): ImportProblemDto[] {
  const byMessage = new Map<string, ImportProblemDto[]>()
  for (const w of warnings) {
    const list = byMessage.get(w.message)
    if (list) list.push(w)
    else byMessage.set(w.message, [w])
  }
  const out: ImportProblemDto[] = []
  for (const [message, list] of byMessage) {
    if (list.length <= 5) {
      out.push(...list)
      continue
    }
    const rows = list.map((w) => w.row).filter((r): r is number => r !== null)
    const shown = rows.slice(0, 10).join(', ')
    const first = list[0]!
    out.push({
      ...first,
      message: `${message} (${list.length} rows: ${shown}${rows.length > 10 ? ', …' : ''})`,
      messageJa: `${first.messageJa}(${list.length} 行: ${shown}${rows.length > 10 ? '、…' : ''})`,
    })
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}

/** Thrown when the ledger changed between the preview and the commit; the user must preview again. */
export function staleImport(detail: string): MamoriError {
  return new MamoriError(
    'IMPORT_STALE',
    `The ledger changed after this preview (${detail}). Nothing was imported; run the preview again.`,
    409,
  )
}

export interface CommitOptions {
  actor: Actor
  /** ISO time of the commit (tests pin it). */
  now?: string
  onProgress?: Progress
}

/** Rows per write step (progress granularity); the store chunks further for parameter limits. */
const WRITE_STEP = 5_000

/**
 * Writes a plan in one transaction: creates, updates (only the changed fields differ from what is stored) and audit
 * entries ('device.import' summary, one 'device.create' / 'device.update' per device with before/after). First
 * re-reads, inside the transaction, every device the file's keys match; if any was added, changed or deleted since
 * the preview, it aborts with IMPORT_STALE and nothing is written.
 */
export async function commitDeviceImport(
  store: DeviceImportStore,
  plan: ImportPlan,
  opts: CommitOptions,
): Promise<ImportResult> {
  const { preview } = plan
  if (preview.fatal) {
    throw new MamoriError(
      'IMPORT_NOT_IMPORTABLE',
      'This file cannot be imported: fix the file-level problems shown in the preview first.',
      422,
    )
  }
  const now = opts.now ?? new Date().toISOString()
  const result: ImportResult = {
    importId: preview.importId,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: preview.unchanged,
    rejected: preview.rejected,
  }
  const total = plan.creates.length + plan.updates.length
  await store.transaction(async (tx) => {
    const current = await tx.findByKeys(plan.keys)
    if (current.length !== plan.snapshot.size) {
      throw staleImport(`${Math.abs(current.length - plan.snapshot.size)} matching device(s) added or removed`)
    }
    for (const d of current) {
      const v = plan.snapshot.get(d.id)
      if (v === undefined) throw staleImport(`device ${d.assetTag ?? d.id} was added`)
      if (v !== d.version) throw staleImport(`device ${d.assetTag ?? d.id} was edited`)
    }
    if (plan.missingSites.length > 0) await tx.ensureSites(plan.missingSites, now)
    let done = 0
    opts.onProgress?.('write', 0, total)
    const restoreIndexes = await tx.beginBulkInsert(plan.creates.length)
    for (let i = 0; i < plan.creates.length; i += WRITE_STEP) {
      const part = plan.creates.slice(i, i + WRITE_STEP)
      const writes: DeviceWrite[] = part.map((c) => ({ id: c.id, fields: c.fields }))
      await tx.insertDevices(writes, opts.actor, now)
      await tx.insertAudit(
        part.map((c) => ({
          action: 'device.create',
          targetType: 'device',
          targetId: c.id,
          before: null,
          // Where the device came from, not a copy of it: its state at creation is the `before` of its first later
          // change (or the device as it stands), so a full copy per row would only double what a large import writes.
          after: { importId: preview.importId, file: preview.fileName, row: c.row, assetTag: c.fields.assetTag },
        })),
        opts.actor,
        now,
      )
      done += part.length
      opts.onProgress?.('write', done, total)
    }
    await restoreIndexes()
    for (let i = 0; i < plan.updates.length; i += WRITE_STEP) {
      const part = plan.updates.slice(i, i + WRITE_STEP)
      const writes: DeviceUpdateWrite[] = part.map((u) => ({
        id: u.before.id,
        fields: u.after,
        version: u.before.version + 1,
        createdAt: u.before.createdAt,
        createdBy: u.before.createdBy,
      }))
      await tx.updateDevices(writes, opts.actor, now)
      const audit: AuditDraft[] = part.map((u) => ({
        action: 'device.update',
        targetType: 'device',
        targetId: u.before.id,
        // Whole records, as the device form's audit entries have; `changed` says what the import touched.
        before: u.before,
        after: { ...u.after, id: u.before.id, version: u.before.version + 1, changed: u.changed },
      }))
      await tx.insertAudit(audit, opts.actor, now)
      done += part.length
      opts.onProgress?.('write', done, total)
    }
    await tx.insertAudit(
      [
        {
          action: 'device.import',
          targetType: 'import',
          targetId: preview.importId,
          before: null,
          after: { fileName: preview.fileName, format: preview.format, encoding: preview.encoding, ...result },
        },
      ],
      opts.actor,
      now,
    )
  })
  return result
}

/** Header of the reason column added to the rejected-rows file (ignored when the file is imported again). */
export const REJECTED_REASON_HEADER = { ja: '取り込めない理由', en: 'Why it was not imported' } as const

/**
 * The rejected rows of a preview as a table to fix in Excel and import again: the file's own header and cells, plus
 * a last column with the reasons (row number as in the original file, column, value, reason).
 */
export function rejectedRowsTable(plan: ImportPlan, lang: 'ja' | 'en' = 'ja'): string[][] {
  const width = plan.header.length
  const reasonOf = (p: ImportProblemDto) => {
    const text = lang === 'ja' ? p.messageJa : p.message
    if (lang === 'ja') return `元の${p.row ?? '?'}行目${p.column ? `「${p.column}」` : ''}: ${text}`
    return `row ${p.row ?? '?'}${p.column ? ` "${p.column}"` : ''}: ${text}`
  }
  return [
    [...plan.header, REJECTED_REASON_HEADER[lang]],
    ...plan.rejectedRows.map((r) => {
      const cells = r.cells.slice(0, width)
      while (cells.length < width) cells.push('')
      return [...cells, r.problems.map(reasonOf).join(' / ')]
    }),
  ]
}
