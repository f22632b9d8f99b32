import { randomUUID } from 'node:crypto'
import type { DeviceInput } from '../../api/device.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import type { Storage } from '../../src/storage/database.js'
import { storagePorts } from '../../src/storage/ports.js'
import { buildDevice } from '../factories.js'

/** Inserts in-use devices through the ledger (with owner and location unless overridden); returns their ids. */
export async function seedDevices(storage: Storage, n: number, overrides: Partial<DeviceInput> = {}) {
  const fields = Array.from({ length: n }, () =>
    buildDevice({ location: '3F ICU', responsiblePerson: '臨床工学 山田', ...overrides }),
  )
  const devices = await storagePorts(storage).ledger.insert(fields, SYSTEM_ACTOR, (d) => ({
    action: 'device.create',
    targetType: 'device',
    targetId: d.id,
  }))
  return devices.map((d) => d.id)
}

/** One scan with hosts seen up at `addresses`, linked to the device ids given (null: not in the ledger). */
export async function seedScanHosts(storage: Storage, hosts: readonly { address: string; deviceId: string | null }[]) {
  const scanId = randomUUID()
  const at = '2026-11-01T00:00:00.000Z'
  await storage.db
    .insertInto('scans')
    .values({
      id: scanId,
      status: 'completed',
      profile: 'gentle',
      targets: '[]',
      portSpec: null,
      requestedBy: null,
      scheduleId: null,
      createdAt: at,
      startedAt: at,
      finishedAt: at,
      progress: '{}',
      error: null,
    })
    .execute()
  for (const h of hosts)
    await storage.db
      .insertInto('scanHosts')
      .values({
        id: randomUUID(),
        scanId,
        address: h.address,
        mac: null,
        hostname: null,
        state: 'up',
        deviceId: h.deviceId,
        identification: null,
        complete: 1,
      })
      .execute()
}

/** A finding row with the given rule, severity, status and first/last seen. */
export async function seedFinding(
  storage: Storage,
  f: { ruleId: string; severity?: string; status?: string; firstSeenAt?: string; lastSeenAt?: string },
) {
  await storage.db
    .insertInto('findings')
    .values({
      id: randomUUID(),
      source: 'scan',
      key: randomUUID(),
      siteId: 'default',
      deviceId: null,
      address: '10.9.9.9',
      port: 23,
      ruleId: f.ruleId,
      severity: f.severity ?? 'high',
      titleJa: 't',
      titleEn: 't',
      detailJa: 'd',
      detailEn: 'd',
      recommendationJa: 'r',
      recommendationEn: 'r',
      evidence: '',
      status: f.status ?? 'open',
      statusReason: null,
      statusExpiresAt: null,
      firstSeenAt: f.firstSeenAt ?? '2026-10-01T00:00:00.000Z',
      lastSeenAt: f.lastSeenAt ?? '2026-11-01T00:00:00.000Z',
      lastScanId: null,
      incomplete: 0,
    })
    .execute()
}
