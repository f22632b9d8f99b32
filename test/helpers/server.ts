import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DeviceFields } from '../../api/device.js'
import { loadConfig } from '../../src/config.js'
import { syntheticDevices } from '../../src/demo/hospital.js'
import { loadDemo } from '../../src/demo/load-demo.js'
import { buildApp } from '../../src/server/app.js'
import { ensureFirstAdmin } from '../../src/services/setup.js'
import { SYSTEM_ACTOR } from '../../src/storage/audit-repository.js'
import { migrate, openStorage } from '../../src/storage/database.js'
import { userService } from './services.js'

export interface TestServer {
  url: string
  adminUser: string
  adminPassword: string
  /** A viewer account, for role tests. */
  viewerUser: string
  viewerPassword: string
  dataDir: string
  close(): Promise<void>
}

/**
 * A real server on 127.0.0.1 (random port) over a fresh SQLite data directory, serving the built web UI
 * (run `npm run build` first; `npm ci` does it). `demo` loads the demo hospital; `devices` loads that many synthetic
 * devices instead (benchmarks).
 */
export async function startTestServer(opts: { demo?: boolean; devices?: number } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-test-'))
  const config = loadConfig({ dataDir, host: '127.0.0.1', port: 0 }, {})
  const storage = openStorage({ dataDir })
  await migrate(storage.db)
  const adminPassword = 'Kanri-Shitsu-Key-2026'
  const viewerPassword = 'Etsuran-Hanako-2026'
  const users = userService(storage)
  await ensureFirstAdmin(users, { username: 'admin', password: adminPassword })
  await users.create(
    { username: 'viewer', displayName: '閲覧 花子', role: 'viewer', password: viewerPassword },
    SYSTEM_ACTOR,
  )
  if (opts.demo) await loadDemo(storage.db, { actor: SYSTEM_ACTOR })
  else if (opts.devices) {
    const devices: DeviceFields[] = [...syntheticDevices(opts.devices)]
    await loadDemo(storage.db, { actor: SYSTEM_ACTOR, devices })
  }
  // MAMORI_TEST_WEB_DIR: a web build of one's own (several engineers building the UI at once); default dist/web.
  const webDir = process.env.MAMORI_TEST_WEB_DIR
  const app = await buildApp({ storage, config, ...(webDir ? { webDir } : {}) })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url: address,
    adminUser: 'admin',
    adminPassword,
    viewerUser: 'viewer',
    viewerPassword,
    dataDir,
    async close() {
      await app.close()
      await storage.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
