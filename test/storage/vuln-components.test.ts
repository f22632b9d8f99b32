import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ComponentInput, StoredSbom } from '../../src/core/vulns/model.js'
import { AuditRepository } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { VulnRepository } from '../../src/storage/vuln-repository.js'
import { DIALECTS, type TestDialect } from '../helpers/databases.js'
import { alice, type Seeded, seed } from './vuln-seed.js'

const OPENSSL: ComponentInput = {
  kind: 'library',
  name: 'openssl',
  supplier: 'OpenSSL',
  version: '1.1.1k',
  cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*',
  purl: 'pkg:generic/openssl@1.1.1k',
}
const WINDOWS: ComponentInput = {
  kind: 'operating-system',
  name: 'Windows 10 IoT Enterprise',
  supplier: 'Microsoft',
  version: '1809',
  cpe: null,
  purl: null,
}
const VEX = {
  vendor: null,
  product: 'openssl',
  version: '1.1.1k',
  cpe: null,
  purl: 'pkg:generic/openssl@1.1.1k',
  cve: 'CVE-2022-0778',
  status: 'not_affected' as const,
  justification: 'code_not_reachable',
  detail: 'Certificates are never parsed from the network',
  issuedAt: null,
}
const sbomAudit = (s: StoredSbom) => ({ action: 'sbom.import', targetType: 'sbom', targetId: s.id, after: s })

describe.each(DIALECTS)('SBOMs and components on $name', (dialect: TestDialect) => {
  let storage: Storage
  let store: VulnRepository
  let s: Seeded
  let sbom: StoredSbom
  const audit = async (action: string) =>
    await storage.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('id').execute()
  const meta = () => ({
    modelId: s.modelA,
    deviceId: null,
    format: 'cyclonedx' as const,
    specVersion: '1.5',
    fileName: 'mx40-sbom.json',
    sha256: 'abc',
    serialNumber: 'urn:uuid:1',
    problems: [
      { severity: 'warning' as const, code: 'field', file: 'mx40-sbom.json', path: 'components[3]', params: {} },
    ],
    importedAt: '2026-12-01T00:00:00.000Z',
    importedBy: 'alice',
  })

  beforeAll(async () => {
    storage = await dialect.open()
    store = new VulnRepository(storage.db)
    s = await seed(storage)
  })
  afterAll(async () => {
    await storage.close()
  })

  it('stores an SBOM with its components and VEX on the model, audited in the same transaction', async () => {
    sbom = await store.insertSbom(meta(), [OPENSSL, WINDOWS], [VEX], alice, sbomAudit)
    expect(sbom).toMatchObject({ ...meta(), componentCount: 2 })
    expect(await store.listSboms({ modelId: s.modelA })).toEqual([sbom])
    expect(await store.listSboms({ deviceId: s.d1 })).toEqual([])
    const parts = await store.components({ modelIds: [s.modelA] })
    expect(parts.map((c) => c.name).sort()).toEqual(['Windows 10 IoT Enterprise', 'openssl'])
    expect(parts[0]).toMatchObject({
      modelId: s.modelA,
      deviceId: null,
      sbomId: sbom.id,
      source: 'sbom',
      confidence: 1,
      confirmed: true,
    })
    expect(await store.vexStatements()).toEqual([
      { ...VEX, id: expect.any(String), sourceKind: 'cyclonedx', sourceId: sbom.id, modelId: s.modelA },
    ])
    expect(await audit('sbom.import')).toHaveLength(1)
    const repo = new AuditRepository(storage.db)
    const items = await repo.withTargetLabels((await repo.list({ limit: 10, offset: 0 })).items)
    expect(items.find((e) => e.action === 'sbom.import')?.targetLabel).toBe(
      'SBOM mx40-sbom.json — Philips IntelliVue MX40',
    )
  })

  it('leaves nothing behind when the import fails part-way', async () => {
    const before = await store.counts()
    await expect(
      store.insertSbom(meta(), [OPENSSL], [VEX], alice, () => {
        throw new Error('audit refused')
      }),
    ).rejects.toThrow('audit refused')
    const broken = { ...OPENSSL, name: null } as unknown as ComponentInput
    await expect(store.insertSbom(meta(), [OPENSSL, broken], [VEX], alice, sbomAudit)).rejects.toThrow()
    expect(await store.counts()).toEqual(before)
    expect(await store.listSboms({})).toHaveLength(1)
    expect(await store.vexStatements()).toHaveLength(1)
    expect(await audit('sbom.import')).toHaveLength(1)
  })

  it('adds, edits and removes a component typed in by hand, each audited', async () => {
    const added = await store.addComponent(
      { ...WINDOWS, modelId: null, deviceId: s.d3, source: 'derived', confidence: 0.6, confirmed: false },
      alice,
      (c) => ({ action: 'component.add', targetType: 'component', targetId: c.id, after: c }),
    )
    expect(added).toMatchObject({ deviceId: s.d3, sbomId: null, createdBy: 'alice', confirmed: false })
    const confirmed = await store.updateComponent(
      added.id,
      { confirmed: true, confidence: 1, cpe: 'cpe:2.3:o:microsoft:windows_10_1809:-:*:*:*:*:*:*:*' },
      alice,
      (before, after) => ({ action: 'component.update', targetType: 'component', targetId: after.id, before, after }),
    )
    expect(confirmed).toMatchObject({
      confirmed: true,
      confidence: 1,
      cpe: 'cpe:2.3:o:microsoft:windows_10_1809:-:*:*:*:*:*:*:*',
    })
    // Both lists: the model's components and the device's own.
    const both = await store.components({ modelIds: [s.modelA], deviceIds: [s.d3] })
    expect(both).toHaveLength(3)
    expect(both.find((c) => c.id === added.id)).toEqual(confirmed)
    expect(await store.components({ modelIds: [], deviceIds: [] })).toEqual([])
    expect(await store.components({})).toHaveLength(3)
    await store.removeComponent(added.id, alice, (c) => ({
      action: 'component.remove',
      targetType: 'component',
      targetId: c.id,
      before: c,
    }))
    expect(await store.components({ deviceIds: [s.d3] })).toEqual([])
    await expect(
      store.updateComponent(added.id, { confirmed: true }, alice, () => ({ action: 'x' })),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const entries = await audit('component.update')
    expect(JSON.parse(entries[0]!.before!)).toMatchObject({ confirmed: false })
    expect(await audit('component.remove')).toHaveLength(1)
    const repo = new AuditRepository(storage.db)
    const items = await repo.withTargetLabels((await repo.list({ limit: 20, offset: 0 })).items)
    // The removed component is still named, from the entry's own snapshot.
    expect(items.filter((e) => e.targetType === 'component').map((e) => e.targetLabel)).toEqual([
      'Windows 10 IoT Enterprise',
      'Windows 10 IoT Enterprise',
      'Windows 10 IoT Enterprise',
    ])
  })

  it('removes an SBOM with its components and VEX', async () => {
    await store.removeSbom(sbom.id, alice, (x) => ({
      action: 'sbom.remove',
      targetType: 'sbom',
      targetId: x.id,
      before: x,
    }))
    expect(await store.listSboms({})).toEqual([])
    expect(await store.components({ modelIds: [s.modelA] })).toEqual([])
    expect(await store.vexStatements()).toEqual([])
    expect(await audit('sbom.remove')).toHaveLength(1)
    await expect(store.removeSbom(sbom.id, alice, () => ({ action: 'x' }))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
