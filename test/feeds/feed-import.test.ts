/**
 * Feed files in (issue 9, ADR 0032) on both databases: a folder with CSAF, KEV, EPSS (gzip) and NVD files, a wrong
 * `.sha512` refusing its file only, signatures and other files skipped; every file unreadable → FEED_UNREADABLE with
 * every problem and nothing stored; the offline bundle exported and imported into a fresh database with the same
 * counts, and a damaged bundle storing nothing of the broken table.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MamoriError } from '../../src/core/errors.js'
import { modelNameCandidates } from '../../src/services/feeds/ingest.js'
import type { Storage } from '../../src/storage/database.js'
import { DIALECTS } from '../helpers/databases.js'
import { ADMIN, feedService } from './feed-setup.js'

const FIXTURES = join(import.meta.dirname, '../fixtures/feeds')
const fixture = (name: string) => readFileSync(join(FIXTURES, name))
const sha512 = (b: Uint8Array) => createHash('sha512').update(b).digest('hex')

describe('model names a VEX product may be catalogued under', () => {
  it.each([
    ['Xhibit Telemetry Receiver (XTR) Model number 96280', ['Xhibit Telemetry Receiver', '96280']],
    ['Alaris PC Unit Model 8015', ['Alaris PC Unit', '8015']],
    ['BSM-6501', ['BSM-6501']],
  ])('%s', (product, expected) => {
    const candidates = modelNameCandidates(product)
    expect(candidates[0]).toBe(product)
    expect(candidates).toEqual(expect.arrayContaining(expected))
  })
})

describe.each(DIALECTS)('feed import on $name', (dialect) => {
  let storage: Storage
  let dir: string

  beforeAll(async () => {
    storage = await dialect.open()
    dir = mkdtempSync(join(tmpdir(), 'mamori-feeds-'))
  })
  afterAll(async () => {
    await storage.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('imports a folder: every format, a wrong .sha512 refuses only its file, signatures and notes skipped', async () => {
    const { feeds, ports, ingested } = feedService(storage)
    const folder = join(dir, 'incoming')
    await mkdir(join(folder, 'csaf'), { recursive: true })
    const good = fixture('icsma-20-049-01.json')
    writeFileSync(join(folder, 'csaf', 'icsma-20-049-01.json'), good)
    writeFileSync(join(folder, 'csaf', 'icsma-20-049-01.json.sha512'), `${sha512(good)}  icsma-20-049-01.json\n`)
    writeFileSync(join(folder, 'csaf', 'icsma-20-049-01.json.asc'), '-----BEGIN PGP SIGNATURE-----\n')
    const bad = fixture('icsma-21-187-01.json')
    writeFileSync(join(folder, 'csaf', 'icsma-21-187-01.json'), bad)
    writeFileSync(join(folder, 'csaf', 'icsma-21-187-01.json.sha512'), `${'0'.repeat(128)}  icsma-21-187-01.json\n`)
    writeFileSync(join(folder, 'kev.json'), fixture('kev-subset.json'))
    writeFileSync(join(folder, 'epss.csv.gz'), gzipSync(fixture('epss-subset.csv')))
    writeFileSync(join(folder, 'nvd-page.json'), fixture('nvd-cve-2.0-page.json'))
    writeFileSync(join(folder, 'notes.txt'), 'downloaded on Monday')

    const result = await feeds.importPath(folder, ADMIN)

    const byFile = new Map(result.files.map((f) => [f.file, f]))
    expect([...byFile.keys()].sort()).toEqual([
      'csaf/icsma-20-049-01.json',
      'csaf/icsma-21-187-01.json',
      'epss.csv.gz',
      'kev.json',
      'nvd-page.json',
    ])
    expect(byFile.get('csaf/icsma-20-049-01.json')).toMatchObject({ kind: 'csaf', stored: 1 })
    const refused = byFile.get('csaf/icsma-21-187-01.json')!
    expect(refused.stored).toBe(0)
    expect(refused.problems[0]).toMatchObject({ severity: 'error', code: 'checksumMismatch' })
    expect(refused.problems[0]!.message).toContain(sha512(bad))
    expect(refused.problems[0]!.messageJa).toContain('チェックサムと一致しません')
    expect(byFile.get('kev.json')).toMatchObject({ kind: 'kev', stored: 31 })
    expect(byFile.get('epss.csv.gz')?.kind).toBe('epss')
    expect(byFile.get('nvd-page.json')?.kind).toBe('nvd')

    const counts = await ports.vulns.counts()
    expect(counts.advisories).toBe(1)
    expect(counts.kev).toBe(31)
    expect(counts.epss).toBe(byFile.get('epss.csv.gz')!.stored)
    expect(counts.cves).toBe(byFile.get('nvd-page.json')!.stored)
    expect((await ports.vulns.getAdvisory('ICSMA-20-049-01'))?.advisory.sha256).toMatch(/^[0-9a-f]{64}$/)
    // One audit entry per import, and one matching run after it.
    const audit = await ports.audit.list({ limit: 10, offset: 0, action: 'feeds.import' })
    expect(audit.items).toHaveLength(1)
    expect(ingested).toHaveLength(1)
  })

  it('refuses when every file is unreadable: FEED_UNREADABLE with each problem located, nothing stored', async () => {
    const fresh = await dialect.open()
    try {
      const { feeds, ports, ingested } = feedService(fresh)
      const truncated = fixture('icsma-20-049-01.json').subarray(0, 500)
      const err = await feeds
        .importFiles(
          [
            { name: 'icsma-cut.json', bytes: truncated },
            { name: 'page.html', bytes: Buffer.from('<html>Advisory</html>') },
          ],
          ADMIN,
        )
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(MamoriError)
      const e = err as MamoriError
      expect(e.code).toBe('FEED_UNREADABLE')
      expect(e.message).toContain('icsma-cut.json, page.html')
      expect(e.messageJa).toContain('何も保存していません')
      expect(e.details?.map((d) => d.where)).toEqual(expect.arrayContaining(['icsma-cut.json', 'page.html']))
      expect(e.details?.[0]?.message).toContain('icsma-cut.json')
      expect(await ports.vulns.counts()).toMatchObject({ advisories: 0, cves: 0, kev: 0, epss: 0 })
      expect(ingested).toHaveLength(0)
    } finally {
      await fresh.close()
    }
  })

  it("attaches a manufacturer's CSAF VEX statement to the catalog model it names", async () => {
    const fresh = await dialect.open()
    try {
      const { feeds, ports, catalog } = feedService(fresh)
      const model = await catalog.create(ADMIN, { manufacturer: 'Spacelabs', name: 'Xhibit Telemetry Receiver' })
      const result = await feeds.importFiles(
        [{ name: 'vex-xtr.json', bytes: fixture('vex-spacelabs-xtr-not-affected.json') }],
        ADMIN,
      )
      expect(result.files[0]).toMatchObject({ kind: 'csaf', stored: 1 })
      const [statement] = await ports.vulns.vexStatements()
      expect(statement).toMatchObject({
        modelId: model.id,
        cve: 'CVE-2019-0708',
        status: 'not_affected',
        justification: 'vulnerable_code_not_present',
      })
    } finally {
      await fresh.close()
    }
  })

  it('exports the offline bundle and imports it into a fresh database with the same counts', async () => {
    const { feeds, ports } = feedService(storage)
    const out = join(dir, 'feeds.mamori-feeds.gz')
    const { counts } = await feeds.exportBundle(out, ADMIN)
    const before = await ports.vulns.counts()
    expect(counts).toMatchObject({ advisories: before.advisories, cves: before.cves, kevEntries: before.kev })
    expect(counts.epssScores).toBe(before.epss)
    expect((await ports.audit.list({ limit: 5, offset: 0, action: 'feeds.export' })).items).toHaveLength(1)

    const second = await dialect.open()
    try {
      const other = feedService(second)
      const viaPath = await other.feeds.importPath(out, ADMIN)
      expect(viaPath.files).toEqual([expect.objectContaining({ kind: 'bundle', problems: [] })])
      expect(await other.ports.vulns.counts()).toEqual(before)
      const advisory = await other.ports.vulns.getAdvisory('ICSMA-20-049-01')
      expect(advisory?.document).toEqual((await ports.vulns.getAdvisory('ICSMA-20-049-01'))?.document)
      // The same bundle as an upload (bytes) is recognised by its manifest, whatever it is called.
      const viaUpload = await other.feeds.importFiles([{ name: 'upload.bin', bytes: readFileSync(out) }], ADMIN)
      expect(viaUpload.files[0]).toMatchObject({ kind: 'bundle', problems: [] })
      expect(await other.ports.vulns.counts()).toEqual(before)
    } finally {
      await second.close()
    }
  })

  it('a row no exporter wrote (checksums redone by hand) is skipped with its line, the rest stored', async () => {
    const { feeds, ports } = feedService(storage)
    const out = join(dir, 'edited.mamori-feeds.gz')
    await feeds.exportBundle(out, ADMIN)
    const lines = gunzipSync(readFileSync(out)).toString('utf8').split('\n')
    const at = lines.findIndex((l) => l.startsWith('{"t":"cves"'))
    lines[at] = '{"t":"cves","r":{"nope":1}}'
    const manifest = JSON.parse(lines[0]!)
    manifest.sha256.cves = createHash('sha256')
      .update(
        lines
          .filter((l) => l.startsWith('{"t":"cves"'))
          .map((l) => `${l}\n`)
          .join(''),
      )
      .digest('hex')
    lines[0] = JSON.stringify(manifest)
    const second = await dialect.open()
    try {
      const other = feedService(second)
      const result = await other.feeds.importFiles([{ name: 'edited.gz', bytes: gzipSync(lines.join('\n')) }], ADMIN)
      expect(result.files[0]!.problems).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'bundleRow', path: `line ${at + 1}` }),
      ])
      expect((await other.ports.vulns.counts()).cves).toBe((await ports.vulns.counts()).cves - 1)
    } finally {
      await second.close()
    }
  })

  it('a damaged bundle stores nothing of the broken table and says which', async () => {
    const { feeds } = feedService(storage)
    const out = join(dir, 'tampered.mamori-feeds.gz')
    await feeds.exportBundle(out, ADMIN)
    const lines = gunzipSync(readFileSync(out)).toString('utf8').split('\n')
    const kevLine = lines.findIndex((l) => l.startsWith('{"t":"kevEntries"'))
    lines[kevLine] = lines[kevLine]!.replace('"dateAdded":"', '"dateAdded":"1')
    const tampered = gzipSync(Buffer.from(lines.join('\n')))

    const second = await dialect.open()
    try {
      const other = feedService(second)
      const result = await other.feeds.importFiles([{ name: 'tampered.mamori-feeds.gz', bytes: tampered }], ADMIN)
      expect(result.files[0]!.problems).toEqual([
        expect.objectContaining({ code: 'bundleTable', message: expect.stringContaining('kevEntries') }),
      ])
      const counts = await other.ports.vulns.counts()
      expect(counts.kev).toBe(0)
      expect(counts.advisories).toBe(1)

      // Cut short: the tables before the cut arrive whole; the rest are refused.
      const cut = readFileSync(out).subarray(0, Math.floor(readFileSync(out).length / 2))
      const third = await dialect.open()
      try {
        const again = feedService(third)
        const r = await again.feeds.importFiles([{ name: 'cut.mamori-feeds.gz', bytes: cut }], ADMIN).catch((e) => e)
        const problems =
          r instanceof MamoriError
            ? (r.details ?? []).map((d) => d.message)
            : r.files[0].problems.map((p: { message: string }) => p.message)
        expect(problems.join('\n')).toMatch(/damaged or cut short/)
        expect((await again.ports.vulns.counts()).kev).toBe(0)
      } finally {
        await third.close()
      }
    } finally {
      await second.close()
    }
  })
})
