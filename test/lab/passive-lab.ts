/**
 * Issue 12's "done when", inside the lab's scanner namespace through Mamori's real API: a fresh SQLite data directory
 * with the lab ledger; an engineer uploads the capture `mamori lab traffic` recorded from the lab's mirror port (the
 * import sends nothing); then the same engineer runs the gentle active scan of the lab. Prints one JSON object with
 * what each found and the communications map.
 *   ip netns exec <scanner> node --import tsx test/lab/passive-lab.ts <capture> <cidr> <scanner-ip> <prefix>
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
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

const [capture, cidr = '10.77.0.0/24', scannerIp = '10.77.0.1', prefix = 'mamori-lab'] = process.argv.slice(2)
if (!capture) throw new Error('usage: passive-lab.ts <capture> <cidr> <scanner-ip> <prefix>')
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-lab-passive-'))
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
const get = async (url: string) => {
  const r = await app.inject({ url, headers: ce })
  if (r.statusCode !== 200) throw new Error(`GET ${url}: ${r.statusCode} ${r.body}`)
  return r.json()
}

// 1. Passive: upload the capture as a browser would; no scope is needed, because nothing is sent.
const form = fileUpload(basename(capture), readFileSync(capture))
const posted = await app.inject({
  method: 'POST',
  url: '/api/captures',
  headers: { ...ce, ...form.headers },
  payload: form.payload,
})
if (posted.statusCode !== 202) throw new Error(`capture refused: ${posted.statusCode} ${posted.body}`)
let captureRecord = posted.json().capture
while (captureRecord.status === 'running') {
  await new Promise((r) => setTimeout(r, 300))
  captureRecord = await get(`/api/captures/${captureRecord.id}`)
}
const passiveFindings = captureRecord.scanId
  ? (await get(`/api/findings?scanId=${captureRecord.scanId}&limit=1000`)).items
  : []
const map = await get('/api/traffic/map')

// 2. Active: the gentle scan of the same lab, inside the approved scope, the scanner itself excluded.
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
  payload: { targets: [cidr], profile: 'gentle' },
})
if (started.statusCode !== 202) throw new Error(`scan refused: ${started.body}`)
let scan = started.json()
while (!['completed', 'stopped', 'failed'].includes(scan.status)) {
  await new Promise((r) => setTimeout(r, 500))
  scan = await get(`/api/scans/${scan.id}`)
}
const activeHosts = await get(`/api/scans/${scan.id}/hosts`)
const activeFindings = (await get(`/api/findings?scanId=${scan.id}&limit=1000`)).items
const audit = (await app.inject({ url: '/api/audit?limit=200', headers: admin }))
  .json()
  .items.map((e: { action: string }) => e.action)
process.stdout.write(
  `${JSON.stringify({ capture: captureRecord, passiveFindings, map, scan, activeHosts, activeFindings, audit })}\n`,
)
await app.close()
await storage.close()
