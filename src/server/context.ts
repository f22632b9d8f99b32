import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role, User } from '../../api/common.js'
import type { Config } from '../config.js'
import { forbidden, MamoriError } from '../core/errors.js'
import { forgetInitialPassword } from '../services/initial-password.js'
import { ScanScheduler } from '../services/scan-scheduler.js'
import { ScanService } from '../services/scan-service.js'
import type { Actor } from '../storage/audit-repository.js'
import type { Storage } from '../storage/database.js'
import { DeviceRepository } from '../storage/device-repository.js'
import { DiscoveryRepository } from '../storage/discovery-repository.js'
import { UserRepository } from '../storage/user-repository.js'

/** Everything a route needs, built once per app. Routes reach I/O only through these. */
export interface AppDeps {
  storage: Storage
  config: Config
  devices: DeviceRepository
  users: UserRepository
  discovery: DiscoveryRepository
  scans: ScanService
  schedules: ScanScheduler
  /** Background work started by the server (scans, schedules): closed with the app. */
  onClose: (() => Promise<void>)[]
}

export function buildDeps(storage: Storage, config: Config): AppDeps {
  const discovery = new DiscoveryRepository(storage.db)
  const scans = new ScanService({ db: storage.db, discovery })
  const schedules = new ScanScheduler(storage.db, scans)
  return {
    storage,
    config,
    devices: new DeviceRepository(storage.db),
    // Any password change made through the API deletes the generated initial password file once it is stale.
    users: new UserRepository(storage.db, { afterPasswordChange: forgetInitialPassword(config.dataDir) }),
    discovery,
    scans,
    schedules,
    onClose: [async () => schedules.stop(), () => scans.shutdown()],
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps
  }
  interface FastifyRequest {
    user: User | null
    /** How the request authenticated: a browser session (needs CSRF) or an API token. */
    authVia: 'session' | 'token' | null
  }
  interface FastifyContextConfig {
    /** Public routes skip authentication (health, login, docs). */
    public?: boolean
    /** Lowest role allowed; defaults to viewer for reads and engineer for changes. */
    minRole?: Role
  }
}

const RANK: Record<Role, number> = { viewer: 0, engineer: 1, admin: 2 }

export function hasRole(user: User, min: Role): boolean {
  return RANK[user.role] >= RANK[min]
}

/** The signed-in user, or a 401 (routes run after the auth hook, so this only fails on public routes). */
export function userOf(req: FastifyRequest): User {
  if (!req.user) throw new MamoriError('AUTH_REQUIRED', 'Please sign in. / ログインしてください。', 401)
  return req.user
}

export function actorOf(req: FastifyRequest): Actor {
  const u = userOf(req)
  return { id: u.id, name: u.username, ip: req.ip }
}

export function requireRole(req: FastifyRequest, min: Role): void {
  if (!hasRole(userOf(req), min))
    throw forbidden(`This needs the ${min} role. / この操作には「${min}」権限が必要です。`)
}

export type Reply = FastifyReply
