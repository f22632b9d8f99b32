import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role, User } from '../../api/common.js'
import type { Config } from '../config.js'
import { MamoriError } from '../core/errors.js'
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
  if (!req.user) throw MamoriError.of('AUTH_REQUIRED')
  return req.user
}

export function actorOf(req: FastifyRequest): Actor {
  const u = userOf(req)
  return { id: u.id, name: u.username, ip: req.ip }
}

/** The roles as the UI names them in Japanese, with the role id people type (CLI, API). */
const ROLE_JA: Record<Role, string> = {
  viewer: '閲覧者（viewer）',
  engineer: 'エンジニア（engineer）',
  admin: '管理者（admin）',
}

/** A 403 FORBIDDEN naming the role the request needs (`errors.FORBIDDEN`, `role` in both languages). */
export function requireRole(req: FastifyRequest, min: Role): void {
  if (!hasRole(userOf(req), min)) throw MamoriError.of('FORBIDDEN', { role: { en: min, ja: ROLE_JA[min] } })
}

export type Reply = FastifyReply
