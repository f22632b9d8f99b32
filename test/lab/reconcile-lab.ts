/**
 * The lab through Mamori's real API, inside the scanner namespace: a fresh SQLite data directory with the lab ledger
 * (`labLedger`), an admin who approves the lab's scope and excludes the scanner itself, an engineer's scan, then
 * reconciliation, findings and "add to ledger" for the unregistered host. Prints one JSON object.
 *   ip netns exec <scanner> node --import tsx test/lab/reconcile-lab.ts <cidr> <scanner-ip> <profile> <prefix>
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config.js'
import { labLedger } from '../../src/lab/ledger.js'
import { labTopology } from '../../src/lab/topology.js'
import { buildApp } from '../../src/server/app.js'
import { ensureFirstAdmin } from '../../src/services/setup.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { migrate, openStorage } from '../../src/storage/database.js'
import { DeviceRepository } from '../../src/storage/device-repository.js'
import { userService } from '../helpers/services.js'

const [cidr = '10.77.0.0/24', scannerIp = '10.77.0.1', profile = 'standard', prefix = 'mamori-lab'] =
  process.argv.slice(2)
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-lab-rec-'))
const storage = openStorage({ dataDir })
await migrate(storage.db)
const users = userService(storage)
await ensureFirstAdmin(users, { username: 'admin', password: 'Lab-Kanri-Key-2026' })
await users.create(
  { username: 'ce', displayName: '臨床工学', role: 'engineer', password: 'Lab-Rinsho-Key-2026' },
  SYSTEM_ACTOR,
)
await new DeviceRepository(storage.db).createMany(labLedger(labTopology(prefix)), SYSTEM_ACTOR)
const app = await buildApp({ storage, config: loadConfig({ dataDir }, {}) })

async function session(username: string, password: string) {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  const cookie = `mamori_session=${r.cookies.find((c) => c.name === 'mamori_session')?.value}`
  return { cookie, 'x-csrf-token': r.json().csrfToken as string }
}
const admin = await session('admin', 'Lab-Kanri-Key-2026')
const ce = await session('ce', 'Lab-Rinsho-Key-2026')
await app.inject({
  method: 'POST',
  url: '/api/scopes',
  headers: admin,
  payload: { target: cidr, label: 'training lab' },
})
await app.inject({
  method: 'POST',
  url: '/api/exclusions',
  headers: admin,
  payload: { address: scannerIp, reason: 'the scanner itself' },
})
const started = await app.inject({
  method: 'POST',
  url: '/api/scans',
  headers: ce,
  payload: { targets: [cidr], profile },
})
if (started.statusCode !== 202) throw new Error(`scan refused: ${started.body}`)
let scan = started.json()
while (!['completed', 'stopped', 'failed'].includes(scan.status)) {
  await new Promise((r) => setTimeout(r, 500))
  scan = (await app.inject({ url: `/api/scans/${scan.id}`, headers: ce })).json()
}
const reconciliation = (await app.inject({ url: '/api/reconciliation', headers: ce })).json()
const findings = (await app.inject({ url: '/api/findings?limit=1000', headers: ce })).json().items
const unknown = reconciliation.unknownHosts[0]
const added = unknown
  ? await app.inject({
      method: 'POST',
      url: '/api/reconciliation/add',
      headers: ce,
      payload: { hostId: unknown.id, department: '訓練ラボ' },
    })
  : null
const after = (await app.inject({ url: '/api/reconciliation', headers: ce })).json()
const audit = (await app.inject({ url: `/api/audit?targetId=${scan.id}`, headers: admin }))
  .json()
  .items.map((e: { action: string }) => e.action)
process.stdout.write(
  `${JSON.stringify({ scan, reconciliation, findings, added: added ? { status: added.statusCode, device: added.json() } : null, after, audit })}\n`,
)
await app.close()
await storage.close()
