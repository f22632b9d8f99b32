import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportPreview } from '../../api/import.js'
import { parseDeviceTable } from '../../src/importers/device-table.js'
import { commitDeviceImport, planDeviceImport } from '../../src/services/import-devices.js'
import { migrate, openStorage, type Storage } from '../../src/storage/database.js'
import { createDeviceImportStore, type DeviceImportStore } from '../../src/storage/device-import-store.js'

/**
 * Property tests for the whole import path: whatever bytes arrive (random, or a valid ledger with flipped bytes,
 * cut short or spliced), planning never throws, a file-level failure is fatal with a located, non-empty message, the
 * counts add up, and a commit writes exactly what the preview promised or nothing at all.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import')
const CSV = new Uint8Array(readFileSync(join(FIXTURES, 'ledger-sjis.csv')))
const BOM_CSV = new Uint8Array(readFileSync(join(FIXTURES, 'ledger-utf8-bom.csv')))
const XLSX = new Uint8Array(readFileSync(join(FIXTURES, 'ledger-en.xlsx')))

/** A valid file changed by one of: byte flips, truncation, a spliced-in run of random bytes. */
function mutated(base: Uint8Array) {
  const flips = fc
    .array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
    .map((ps) => {
      const b = new Uint8Array(base)
      for (const [i, v] of ps) b[i] = v
      return b
    })
  const truncated = fc.nat(base.length - 1).map((n) => base.subarray(0, n))
  const spliced = fc
    .tuple(fc.nat(base.length), fc.uint8Array({ minLength: 1, maxLength: 40 }))
    .map(([at, junk]) => new Uint8Array([...base.subarray(0, at), ...junk, ...base.subarray(at)]))
  return fc.oneof(flips, truncated, spliced)
}

function checkPreview(p: ImportPreview): void {
  if (p.fatal) {
    const errors = p.problems.filter((q) => q.severity === 'error')
    expect(errors.length).toBeGreaterThan(0)
    for (const e of errors) expect(e.message.length).toBeGreaterThan(10)
    expect(p.toCreate + p.toUpdate).toBe(0)
  } else {
    expect(p.toCreate + p.toUpdate + p.unchanged + p.rejected).toBe(p.totalRows)
    // Every rejected row has at least one error that names its row.
    const rowsWithErrors = new Set(p.problems.filter((q) => q.severity === 'error').map((q) => q.row))
    expect(p.rejected === 0 || rowsWithErrors.size > 0).toBe(true)
  }
  for (const q of p.problems) {
    expect(q.message).not.toMatch(/\n\s+at /) // no stack traces
    // Japanese users read messageJa: it must exist and really be Japanese (kana or kanji), for every problem.
    expect(q.messageJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
    expect(q.messageJa).not.toMatch(/\n\s+at /)
  }
}

describe('import fuzzing', () => {
  let storage: Storage
  let store: DeviceImportStore
  beforeAll(async () => {
    storage = openStorage({ memory: true, dataDir: '' })
    await migrate(storage.db)
    store = createDeviceImportStore(storage.db)
  })
  afterAll(async () => {
    await storage.close()
  })

  const count = async () =>
    Number(
      (
        await storage.db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('random bytes give a preview or a fatal problem, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('x.csv', 'x.xlsx', 'noext'),
        async (bytes, name) => {
          const plan = await planDeviceImport(store, bytes, { fileName: name })
          checkPreview(plan.preview)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('random bytes behind a ZIP signature (fake workbooks) are fatal, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail])
        const r = await parseDeviceTable(bytes, 'x.xlsx')
        expect(r.table).toBeNull()
        expect(r.problems[0]?.message).toMatch(/Excel|workbook/)
      }),
      { numRuns: 200 },
    )
  })

  it.each([
    ['Shift_JIS CSV', CSV],
    ['UTF-8 BOM CSV', BOM_CSV],
  ])('a mutated %s previews cleanly or fails with a location; a commit is all or nothing', async (_n, base) => {
    await fc.assert(
      fc.asyncProperty(mutated(base), async (bytes) => {
        const plan = await planDeviceImport(store, bytes, { fileName: 'm.csv' })
        checkPreview(plan.preview)
        if (plan.preview.fatal) return
        const before = await count()
        try {
          const r = await commitDeviceImport(store, plan, { actor: { id: null, name: 'fuzz' } })
          expect(await count()).toBe(before + r.created)
        } catch (err) {
          // The only expected failure: a mutation repeated a key already imported by an earlier run.
          expect(err).toMatchObject({ code: 'IMPORT_STALE' })
          expect(await count()).toBe(before)
        }
      }),
      { numRuns: 250 },
    )
  })

  it('a mutated XLSX previews cleanly or is fatal with a clear message', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(XLSX), async (bytes) => {
        const plan = await planDeviceImport(store, bytes, { fileName: 'm.xlsx' })
        checkPreview(plan.preview)
      }),
      { numRuns: 120 },
    )
  })
})
