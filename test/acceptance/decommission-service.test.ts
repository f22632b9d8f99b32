/**
 * Decommissioning against the continuity plan, at the service level on both databases: with a fake ContinuityReader
 * naming the services that depend on the device, completing is refused with DECOMMISSION_DEPENDENTS naming them,
 * the ledger keeps its status; forced with a reason it completes and records both the reason and the services; the
 * handover sheet then prints the forced completion. The open view warns with the dependent services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DECOMMISSION_ITEM_IDS } from '../../api/decommission.js'
import { loadConfig } from '../../src/config.js'
import { SYSTEM_ACTOR } from '../../src/core/actor.js'
import type { MamoriError } from '../../src/core/errors.js'
import { AcceptanceService, DecommissionService } from '../../src/services/acceptance/index.js'
import { buildServices } from '../../src/services/index.js'
import type { ContinuityReader, LifecycleDeps } from '../../src/services/module-common.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'
import { pdfText } from '../documents/read-back.js'
import { buildDevice } from '../factories.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('decommission with dependents on $name', (dialect) => {
  let storage: Storage
  let services: ReturnType<typeof buildServices>
  let svc: DecommissionService
  const actor = { id: null, name: 'ce-tanaka' }
  const dependents = [
    { id: 'svc-icu', name: 'ICU 監視' },
    { id: 'svc-ward', name: '病棟セントラルモニタ' },
  ]
  const continuity: ContinuityReader = {
    services: async () => ({ items: [], warnings: [] }),
    devicePlans: async () => [],
    plannedDeviceIds: async () => [],
    servicesDependingOn: async () => dependents,
  }

  beforeAll(async () => {
    storage = await dialect.open()
    const config = loadConfig({ dataDir: '/nonexistent' }, {})
    const ports = storagePorts(storage)
    services = buildServices(ports, config)
    svc = new DecommissionService(
      ports,
      { clock: { now: () => new Date('2026-12-03T09:00:00Z') }, audit: ports.audit, catalog: services.catalog, config },
      { devices: services.devices, continuity },
    )
  })
  afterAll(async () => {
    for (const close of services?.onClose ?? []) await close()
    await storage?.close()
  })

  it('refuses with the services named, then completes when forced with a reason', async () => {
    const device = await services.devices.create(buildDevice({ assetTag: 'DEP-01', macAddresses: [] }), SYSTEM_ACTOR)
    let d = await svc.start('DEP-01', actor)
    expect(d.dependentServices).toEqual(dependents)
    for (const id of DECOMMISSION_ITEM_IDS.filter((i) => i !== 'ledger_updated'))
      d = await svc.item(d.id, id, { done: true, notApplicable: false, note: '' }, actor)
    d = await svc.handover(
      d.id,
      { erasureMethod: 'overwrite', erasureEvidence: '', recipient: null, handoverOn: null },
      actor,
    )

    const refused = await svc.complete(d.id, { force: false, reason: '' }, actor).catch((e: MamoriError) => e)
    expect((refused as MamoriError).code).toBe('DECOMMISSION_DEPENDENTS')
    expect((refused as MamoriError).message).toContain('ICU 監視, 病棟セントラルモニタ')
    expect((refused as MamoriError).messageJa).toContain('ICU 監視')
    const forceNoReason = await svc.complete(d.id, { force: true, reason: ' ' }, actor).catch((e: MamoriError) => e)
    expect((forceNoReason as MamoriError).code).toBe('DECOMMISSION_DEPENDENTS')
    expect((await services.devices.get(device.id)).status).toBe('in_use')

    d = await svc.complete(d.id, { force: true, reason: '代替機へ切替済み、BCP は来週更新' }, actor)
    expect(d.completed).toMatchObject({ by: 'ce-tanaka', forced: true, reason: '代替機へ切替済み、BCP は来週更新' })
    expect((await services.devices.get(device.id)).status).toBe('decommissioned')
    const entry = await storage.db
      .selectFrom('auditLog')
      .select(['after', 'targetType'])
      .where('action', '=', 'decommission.complete')
      .where('targetId', '=', device.id)
      .executeTakeFirstOrThrow()
    expect(entry.targetType).toBe('device')
    expect(JSON.stringify(entry.after)).toContain('病棟セントラルモニタ')

    const sheet = await svc.handoverSheet(d.id, 'ja', actor)
    const text = (await pdfText(sheet.pdf)).pages.join('').replace(/\s+/g, '')
    expect(text).toContain('依存するサービスが残った状態で完了:代替機へ切替済み、BCPは来週更新')
    expect(text).toContain('上書き消去（NISTSP800-88Clear）')
  })
  it('starts the acceptance scan gentle, on the device addresses only, when all are inside the quarantine scope', async () => {
    const ports = storagePorts(storage)
    const admin = { id: null, name: 'admin' }
    const scope = await services.scopes.approve('127.77.0.0/28', { label: '隔離' }, admin)
    const calls: unknown[] = []
    const scans = {
      start: async (raw: unknown) => {
        calls.push(raw)
        return { scan: { id: 'scan-1' }, jobId: 'job-1', done: Promise.resolve({}) }
      },
    } as unknown as LifecycleDeps['scans']
    const acc = new AcceptanceService(
      ports,
      ports.discovery,
      { clock: { now: () => new Date('2026-12-03T09:00:00Z') }, audit: ports.audit, catalog: services.catalog },
      { devices: services.devices, scans, disclosures: services.disclosures, continuity },
    )
    await services.devices.create(
      buildDevice({ assetTag: 'SCAN-01', ipAddresses: ['127.77.0.5', '127.77.0.15'], macAddresses: [] }),
      SYSTEM_ACTOR,
    )
    const a = await acc.start({ device: 'SCAN-01', scopeId: scope.id }, actor)
    const started = await acc.scan(a.id, null, actor)
    expect(started).toMatchObject({ jobId: 'job-1', scanId: 'scan-1' })
    expect(calls).toEqual([{ targets: ['127.77.0.5', '127.77.0.15'], profile: 'gentle' }])
    const entries = await storage.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('action', '=', 'acceptance.scan')
      .execute()
    expect(JSON.stringify(entries.map((e) => e.after))).toContain('127.77.0.0/28')
    // Just past the end of the /28: refused, and the fake scanner is not called again.
    await services.devices.create(
      buildDevice({ assetTag: 'SCAN-02', ipAddresses: ['127.77.0.16'], macAddresses: [] }),
      SYSTEM_ACTOR,
    )
    const b = await acc.start({ device: 'SCAN-02', scopeId: scope.id }, actor)
    const refused = await acc.scan(b.id, null, actor).catch((e: MamoriError) => e)
    expect((refused as MamoriError).code).toBe('ACCEPTANCE_OUTSIDE_QUARANTINE')
    expect(calls).toHaveLength(1)
  })
})
