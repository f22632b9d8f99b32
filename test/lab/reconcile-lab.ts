/**
 * The lab through Mamori's real API, inside the scanner namespace: a fresh SQLite data directory with the lab ledger
 * (`labLedger`), an admin who approves the lab's scope and excludes the scanner itself, an engineer's scan, then
 * reconciliation, findings and "add to ledger" for the unregistered host. Prints one JSON object.
 *   ip netns exec <scanner> node --import tsx test/lab/reconcile-lab.ts <cidr> <scanner-ip> <profile> <prefix>
 */
import { mkdtempSync, readFileSync } from 'node:fs'
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
import { fileUpload } from '../helpers/multipart.js'
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
// Issue 8: two lab devices get a confirmed catalog model with a declaration before the scan. The legacy
// workstation's model has an MDS2 form on file and declares FTP (21, cleartext) and FTPS (990, encrypted); the
// infusion server's model declares its web port 80 as encrypted, which the scan will see answer in plain HTTP.
const ledger = (await app.inject({ url: '/api/devices?limit=100', headers: ce })).json().items as {
  id: string
  hostname: string | null
}[]
async function declare(hostName: string, manufacturer: string, name: string, ports: unknown[]) {
  const device = ledger.find((d) => d.hostname === hostName)
  if (!device) throw new Error(`lab ledger has no ${hostName}`)
  const model = await app.inject({ method: 'POST', url: '/api/models', headers: ce, payload: { manufacturer, name } })
  if (model.statusCode !== 201 && model.statusCode !== 200) throw new Error(`model refused: ${model.body}`)
  const modelId = model.json().id as string
  const link = await app.inject({
    method: 'PUT',
    url: `/api/devices/${device.id}/model`,
    headers: ce,
    payload: { modelId },
  })
  if (link.statusCode !== 200) throw new Error(`link refused: ${link.body}`)
  return { deviceId: device.id, modelId, ports }
}
const legacy = await declare('legacy-workstation', 'サンプル医療株式会社', 'LW-98 画像ワークステーション', [
  { port: 21, transport: 'tcp', direction: 'in', service: 'FTP', purpose: '画像の受け渡し', tls: false },
  { port: 990, transport: 'tcp', direction: 'in', service: 'FTPS', purpose: '画像の受け渡し（暗号化）', tls: true },
])
const infusion = await declare('infusion-server', 'テルモ株式会社', 'IS-LAB 輸液管理サーバ', [
  { port: 80, transport: 'tcp', direction: 'in', service: 'HTTPS', purpose: '管理画面', tls: true },
])
const form = fileUpload(
  'sp-2000-mds2-2019.xlsx',
  readFileSync(join(import.meta.dirname, '../fixtures/disclosures/sp-2000-mds2-2019.xlsx')),
)
const imported = await app.inject({
  method: 'POST',
  url: `/api/disclosures?modelId=${legacy.modelId}`,
  headers: { ...ce, ...form.headers },
  payload: form.payload,
})
if (imported.statusCode !== 200) throw new Error(`disclosure import refused: ${imported.body}`)
for (const d of [legacy, infusion]) {
  const put = await app.inject({
    method: 'PUT',
    url: `/api/models/${d.modelId}/declared-ports`,
    headers: ce,
    payload: { ports: d.ports },
  })
  if (put.statusCode !== 200) throw new Error(`declared ports refused: ${put.body}`)
}

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
const observed = async (d: { deviceId: string }) =>
  (await app.inject({ url: `/api/devices/${d.deviceId}/disclosed-vs-observed`, headers: ce })).json()
const disclosures = {
  legacy: await observed(legacy),
  infusion: await observed(infusion),
  legacyFindings: (await app.inject({ url: `/api/findings?deviceId=${legacy.deviceId}&limit=200`, headers: ce })).json()
    .items,
}
const audit = (await app.inject({ url: `/api/audit?targetId=${scan.id}`, headers: admin }))
  .json()
  .items.map((e: { action: string }) => e.action)
process.stdout.write(
  `${JSON.stringify({ scan, reconciliation, findings, added: added ? { status: added.statusCode, device: added.json() } : null, after, audit, disclosures })}\n`,
)
await app.close()
await storage.close()
