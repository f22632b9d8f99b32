import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip, createGzip } from 'node:zlib'
import type { AdvisoryDocument, CveRecord, FeedProblem, KevEntry, VexStatementInput } from '../../core/vulns/model.js'
import type { VulnStore } from '../../core/vulns/store.js'
import { CVE_BATCH, EPSS_BATCH, type IngestContext, withModels } from './ingest.js'

/**
 * The offline bundle (ADR 0032): ONE gzip file of JSON lines. Line 1 is the manifest
 * `{format:'mamori-feeds', version:1, createdAt, counts, sha256}`; then `{t: table, r: row}` lines, table by table.
 * Each table's SHA-256 is over its lines exactly as written (each with its '\n'), so the importer verifies a table
 * before storing any of it: a damaged or cut bundle stores nothing of the broken tables.
 */
export const BUNDLE_FORMAT = 'mamori-feeds'
export const BUNDLE_VERSION = 1
export const BUNDLE_TABLES = ['advisories', 'cves', 'kevEntries', 'epssScores', 'vexStatements'] as const
export type BundleTable = (typeof BUNDLE_TABLES)[number]
export type BundleCounts = Record<BundleTable, number>

interface Manifest {
  format: string
  version: number
  createdAt: string
  counts: BundleCounts
  sha256: Record<BundleTable, string>
}

const PAGE = 2_000
/** A longer line is refused rather than held in memory (an advisory document is well under 1 MB). */
const MAX_LINE = 32 * 1024 * 1024
const JSON_COLUMNS = new Set(['document', 'cwes', 'configurations'])

/** Rows as the bundle carries them: JSON columns as JSON (not text), so either database reads them back alike. */
function portable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) out[k] = JSON_COLUMNS.has(k) && typeof v === 'string' ? JSON.parse(v) : v
  return out
}

/** Writes the bundle to `out` (through a temporary file renamed at the end: never a half-written bundle). */
export async function writeBundle(store: VulnStore, out: string, createdAt: string): Promise<BundleCounts> {
  const rowsFile = `${out}.${randomUUID().slice(0, 8)}.rows`
  const partial = `${out}.${randomUUID().slice(0, 8)}.partial`
  const counts = Object.fromEntries(BUNDLE_TABLES.map((t) => [t, 0])) as BundleCounts
  const sha256 = {} as Record<BundleTable, string>
  try {
    const rows = createWriteStream(rowsFile)
    const write = (text: string) =>
      rows.write(text) ? Promise.resolve() : new Promise<void>((r) => rows.once('drain', () => r()))
    for (const table of BUNDLE_TABLES) {
      const hash = createHash('sha256')
      for (let offset = 0; ; offset += PAGE) {
        const page = await store.exportPage(table, offset, PAGE)
        for (const row of page) {
          // SBOM-bound VEX belongs to an SBOM this installation keeps; only advisory and VEX-file statements travel.
          if (
            table === 'vexStatements' &&
            row.sourceKind === 'cyclonedx' &&
            !String(row.sourceId).startsWith('vex-file:')
          )
            continue
          const line = `${JSON.stringify({ t: table, r: portable(row) })}\n`
          hash.update(line)
          counts[table]++
          await write(line)
        }
        if (page.length < PAGE) break
      }
      sha256[table] = hash.digest('hex')
    }
    await new Promise<void>((resolve, reject) => rows.end((err?: Error | null) => (err ? reject(err) : resolve())))
    const manifest: Manifest = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, createdAt, counts, sha256 }
    async function* whole() {
      yield `${JSON.stringify(manifest)}\n`
      yield* createReadStream(rowsFile)
    }
    await pipeline(Readable.from(whole()), createGzip(), createWriteStream(partial))
    await rename(partial, out)
    return counts
  } finally {
    await rm(rowsFile, { force: true })
    await rm(partial, { force: true })
  }
}

/** Where a bundle's bytes come from: opened once per pass (verify, then store). */
export type BundleInput = { bytes: Uint8Array } | { path: string }

async function* lines(input: BundleInput): AsyncGenerator<string> {
  const source = 'bytes' in input ? Readable.from([input.bytes]) : createReadStream(input.path)
  const gunzip = createGunzip()
  source.on('error', (err: Error) => gunzip.destroy(err))
  source.pipe(gunzip)
  const decoder = new StringDecoder('utf8')
  let rest = ''
  for await (const chunk of gunzip) {
    rest += decoder.write(chunk as Buffer)
    let at = rest.indexOf('\n')
    while (at >= 0) {
      yield rest.slice(0, at)
      rest = rest.slice(at + 1)
      at = rest.indexOf('\n')
    }
    if (rest.length > MAX_LINE) throw new Error(`a line longer than ${MAX_LINE} bytes`)
  }
  rest += decoder.end()
  if (rest.length > 0) yield rest
}

/** Whether gunzipped text starts with the bundle's manifest (the only way a bundle is recognised). */
export const looksLikeBundle = (head: string) => /^\{"format":"mamori-feeds"/.test(head)

const problem = (file: string, code: string, params: Record<string, string | number>): FeedProblem => ({
  severity: 'error',
  code,
  file,
  path: null,
  params: { file, ...params },
})

/** First pass: reads the manifest and answers which tables arrived whole (count and SHA-256 as the manifest says). */
async function verify(input: BundleInput, file: string): Promise<{ ok: Set<BundleTable>; problems: FeedProblem[] }> {
  const problems: FeedProblem[] = []
  let manifest: Manifest | null = null
  const seen = new Map<BundleTable, { n: number; hash: ReturnType<typeof createHash> }>()
  let damage: string | null = null
  try {
    let first = true
    for await (const line of lines(input)) {
      if (first) {
        first = false
        manifest = readManifest(line)
        if (!manifest) return { ok: new Set(), problems: [problem(file, 'bundleManifest', {})] }
        continue
      }
      const table = /^\{"t":"([A-Za-z]+)"/.exec(line)?.[1] as BundleTable | undefined
      if (!table || !BUNDLE_TABLES.includes(table)) continue
      const s = seen.get(table) ?? { n: 0, hash: createHash('sha256') }
      s.n++
      s.hash.update(`${line}\n`)
      seen.set(table, s)
    }
  } catch (err) {
    damage = (err as Error).message
  }
  if (!manifest) return { ok: new Set(), problems: [problem(file, 'bundleDamaged', { why: damage ?? 'empty' })] }
  if (damage) problems.push(problem(file, 'bundleDamaged', { why: damage }))
  const ok = new Set<BundleTable>()
  for (const table of BUNDLE_TABLES) {
    const s = seen.get(table)
    const found = s?.n ?? 0
    const digest = s ? s.hash.digest('hex') : createHash('sha256').digest('hex')
    if (found === manifest.counts[table] && digest === manifest.sha256[table]) ok.add(table)
    else problems.push(problem(file, 'bundleTable', { table, expected: manifest.counts[table], found }))
  }
  return { ok, problems }
}

function readManifest(line: string): Manifest | null {
  try {
    const m = JSON.parse(line) as Partial<Manifest>
    if (m.format !== BUNDLE_FORMAT || m.version !== BUNDLE_VERSION || !m.counts || !m.sha256) return null
    for (const t of BUNDLE_TABLES) if (typeof m.counts[t] !== 'number' || typeof m.sha256[t] !== 'string') return null
    return m as Manifest
  } catch {
    return null
  }
}

/** A bundle row, or null when it lacks what its table needs. */
function rowOf(line: string, table: BundleTable): Record<string, unknown> | null {
  let r: unknown
  try {
    r = (JSON.parse(line) as { r?: unknown }).r
  } catch {
    return null
  }
  if (r === null || typeof r !== 'object') return null
  const row = r as Record<string, unknown>
  const doc = row.document as { id?: unknown; title?: unknown } | null | undefined
  const key =
    table === 'kevEntries' || table === 'epssScores' ? row.cveId : table === 'vexStatements' ? row.cve : row.id
  if (typeof key !== 'string' || !key) return null
  if (table === 'advisories' && (typeof doc !== 'object' || doc === null || typeof doc.id !== 'string')) return null
  return row
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v))

function cveOf(r: Record<string, unknown>): CveRecord {
  const score = (vector: unknown, value: unknown, fallback: string) =>
    typeof vector === 'string' && typeof value === 'number'
      ? { version: /^CVSS:(\d+\.\d+)\//.exec(vector)?.[1] ?? fallback, vector, baseScore: value }
      : null
  return {
    id: String(r.id),
    source: (str(r.source) ?? 'nvd') as CveRecord['source'],
    publishedAt: str(r.publishedAt),
    modifiedAt: str(r.modifiedAt),
    descriptionEn: str(r.descriptionEn),
    descriptionJa: str(r.descriptionJa),
    cvss3: score(r.cvss3Vector, r.cvss3Score, '3.1'),
    cvss4: score(r.cvss4Vector, r.cvss4Score, '4.0'),
    cwes: Array.isArray(r.cwes) ? r.cwes.map(String) : [],
    configurations: Array.isArray(r.configurations) ? r.configurations : [],
  }
}

function kevOf(r: Record<string, unknown>): KevEntry {
  return {
    cve: String(r.cveId),
    vendorProject: String(r.vendorProject ?? ''),
    product: String(r.product ?? ''),
    name: String(r.name ?? ''),
    dateAdded: String(r.dateAdded ?? ''),
    shortDescription: String(r.description ?? ''),
    requiredAction: String(r.requiredAction ?? ''),
    dueDate: str(r.dueDate),
    ransomware: r.ransomware === 1 || r.ransomware === true,
    notes: str(r.notes),
    cwes: [],
  }
}

function vexOf(r: Record<string, unknown>): VexStatementInput {
  return {
    vendor: str(r.vendor),
    product: str(r.product),
    version: str(r.version),
    cpe: str(r.cpe),
    purl: str(r.purl),
    cve: String(r.cve),
    status: String(r.status) as VexStatementInput['status'],
    justification: str(r.justification),
    detail: str(r.detail),
    issuedAt: str(r.issuedAt),
  }
}

/**
 * Imports a bundle: verifies every table first, then stores the whole ones in batches (each one transaction).
 * Answers rows stored and the problems (a broken table is named and nothing of it stored).
 */
export async function importBundle(
  input: BundleInput,
  file: string,
  ctx: IngestContext,
): Promise<{ stored: number; problems: FeedProblem[] }> {
  const { ok, problems } = await verify(input, file)
  if (ok.size === 0) return { stored: 0, problems }
  const { store } = ctx
  let stored = 0
  let cves: CveRecord[] = []
  let kev: KevEntry[] = []
  const epss = new Map<
    string,
    {
      meta: { modelVersion: string | null; scoreDate: string | null }
      rows: { cve: string; score: number; percentile: number }[]
    }
  >()
  const vex = new Map<string, { kind: 'csaf' | 'cyclonedx'; id: string; rows: VexStatementInput[] }>()
  const flushCves = async () => {
    ctx.checkpoint?.()
    if (cves.length) stored += await store.putCves(cves)
    cves = []
  }
  const flushEpss = async () => {
    for (const { meta, rows } of epss.values()) if (rows.length) stored += await store.putEpss(rows, meta)
    epss.clear()
  }
  let first = true
  const rows = async function* () {
    try {
      yield* lines(input)
    } catch {
      // The damage the first pass reported: every table before it was whole and is already read by now.
    }
  }
  let lineNo = 0
  for await (const line of rows()) {
    lineNo++
    if (first) {
      first = false
      continue
    }
    const table = /^\{"t":"([A-Za-z]+)"/.exec(line)?.[1] as BundleTable | undefined
    if (!table || !ok.has(table)) continue
    const r = rowOf(line, table)
    if (!r) {
      // A row the checksum vouches for but no exporter wrote (edited by hand): skipped, named.
      problems.push({
        ...problem(file, 'bundleRow', { table, line: lineNo }),
        severity: 'warning',
        path: `line ${lineNo}`,
      })
      continue
    }
    if (table === 'advisories') {
      ctx.checkpoint?.()
      await store.putAdvisory(
        r.document as AdvisoryDocument,
        { sha256: String(r.sha256), feed: str(r.feed), now: ctx.now },
        [],
      )
      stored++
    } else if (table === 'cves') {
      cves.push(cveOf(r))
      if (cves.length >= CVE_BATCH) await flushCves()
    } else if (table === 'kevEntries') kev.push(kevOf(r))
    else if (table === 'epssScores') {
      const meta = { modelVersion: str(r.modelVersion), scoreDate: str(r.scoreDate) }
      const key = `${meta.modelVersion}\u0000${meta.scoreDate}`
      const group = epss.get(key) ?? { meta, rows: [] }
      group.rows.push({ cve: String(r.cveId), score: Number(r.score), percentile: Number(r.percentile) })
      epss.set(key, group)
      if (group.rows.length >= EPSS_BATCH) {
        ctx.checkpoint?.()
        await flushEpss()
      }
    } else {
      const kind = r.sourceKind === 'cyclonedx' ? 'cyclonedx' : 'csaf'
      const key = `${kind}\u0000${r.sourceId}`
      const group = vex.get(key) ?? { kind, id: String(r.sourceId), rows: [] }
      group.rows.push(vexOf(r))
      vex.set(key, group)
    }
  }
  await flushCves()
  await flushEpss()
  if (ok.has('kevEntries') && kev.length > 0) stored += await store.replaceKev(kev)
  kev = []
  // The statements' model ids are this installation's own: resolved again from vendor and product.
  for (const g of vex.values()) {
    await store.replaceVex(g.kind, g.id, await withModels(ctx, g.rows))
    stored += g.rows.length
  }
  return { stored, problems }
}
