import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role, User } from '../../api/common.js'
import type { Config } from '../config.js'
import { forbidden, MamoriError } from '../core/errors.js'
import { buildServices, type Services } from '../services/index.js'
import type { Actor } from '../storage/audit-repository.js'
import type { Storage } from '../storage/database.js'
import type { DiscoveryRepository } from '../storage/discovery-repository.js'
import { storagePorts } from '../storage/ports.js'

/** Everything a route needs, built once per app: the services (the one wiring point) and the config. */
export interface AppDeps extends Services {
  storage: Storage
  config: Config
  /** The discovery store, for the scan routes until they go through a service. */
  discovery: DiscoveryRepository
}

export function buildDeps(storage: Storage, config: Config): AppDeps {
  const ports = storagePorts(storage)
  return { storage, config, discovery: ports.discovery, ...buildServices(ports, config) }
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
