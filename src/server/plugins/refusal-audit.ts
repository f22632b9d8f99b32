import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import { MamoriError } from '../../core/errors.js'
import { type Actor, recordAudit } from '../../storage/audit-repository.js'
import type { Database } from '../../storage/schema.js'

/** Refusal rows written per client address per minute; further refusals are counted into one summary row. */
export const REFUSALS_PER_IP_PER_MINUTE = 20
/** Refusal rows written per minute from all addresses together (an attacker can rotate addresses, e.g. IPv6). */
export const REFUSALS_PER_MINUTE = 200
/** Client addresses tracked at once; beyond this, refusals are counted under one shared "*" entry. */
const MAX_TRACKED = 10_000
const WINDOW_MS = 60_000

export interface Refusal {
  action: 'auth.refused' | 'auth.rate_limited'
  actor: Actor
  status: number
  code: string
  method: string
  route: string | null
  url: string
}

interface Window {
  start: number
  recorded: number
  suppressed: number
  reasons: Record<string, number>
}

/**
 * Writes refused (401/403) and rate-limited (429) requests to the audit log without letting a flood of them grow the
 * database without bound: at most REFUSALS_PER_IP_PER_MINUTE rows per client address per minute and
 * REFUSALS_PER_MINUTE in all; the rest are counted and written as one `auth.refused.summary` row per address when its
 * minute is over (or when the server stops), with the count per reason.
 */
export class RefusalRecorder {
  private readonly byIp = new Map<string, Window>()
  private global = { start: 0, recorded: 0 }

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async record(r: Refusal): Promise<void> {
    const t = this.now()
    await this.flush(t)
    if (t - this.global.start >= WINDOW_MS) this.global = { start: t, recorded: 0 }
    const ip = r.actor.ip ?? 'unknown'
    const key = this.byIp.has(ip) || this.byIp.size < MAX_TRACKED ? ip : '*'
    let w = this.byIp.get(key)
    if (!w) {
      w = { start: t, recorded: 0, suppressed: 0, reasons: {} }
      this.byIp.set(key, w)
    }
    if (key === ip && w.recorded < REFUSALS_PER_IP_PER_MINUTE && this.global.recorded < REFUSALS_PER_MINUTE) {
      w.recorded++
      this.global.recorded++
      await recordAudit(this.db, r.actor, {
        action: r.action,
        targetType: 'route',
        targetId: `${r.method} ${r.route ?? r.url}`.slice(0, 300),
        after: { status: r.status, reason: r.code, method: r.method, route: r.route, url: r.url },
      })
      return
    }
    w.suppressed++
    const reason = `${r.status} ${r.code}`
    w.reasons[reason] = (w.reasons[reason] ?? 0) + 1
  }

  /** Writes the summary row of every address whose minute is over (all of them with `all`, e.g. at shutdown). */
  async flush(t = this.now(), all = false): Promise<void> {
    for (const [ip, w] of this.byIp) {
      if (!all && t - w.start < WINDOW_MS) continue
      this.byIp.delete(ip)
      if (w.suppressed === 0) continue
      await recordAudit(
        this.db,
        { id: null, name: 'anonymous', ip: ip === '*' ? null : ip },
        {
          action: 'auth.refused.summary',
          after: {
            from: new Date(w.start).toISOString(),
            until: new Date(Math.min(t, w.start + WINDOW_MS)).toISOString(),
            notRecordedSeparately: w.suppressed,
            reasons: w.reasons,
            addresses: ip === '*' ? 'many' : ip,
          },
        },
      )
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    refusals: RefusalRecorder
  }
}

function refusalOf(req: FastifyRequest, err: FastifyError | Error): Refusal | null {
  const status = err instanceof MamoriError ? err.status : (err as FastifyError).statusCode
  if (status !== 401 && status !== 403 && status !== 429) return null
  const code =
    err instanceof MamoriError
      ? err.code
      : status === 429
        ? 'RATE_LIMITED'
        : String((err as FastifyError).code ?? status)
  // A wrong password is already recorded by the login route as auth.login.failed (with the name tried).
  if (code === 'AUTH_INVALID') return null
  const user = req.user
  return {
    action: status === 429 ? 'auth.rate_limited' : 'auth.refused',
    actor: user ? { id: user.id, name: user.username, ip: req.ip } : { id: null, name: 'anonymous', ip: req.ip },
    status,
    code,
    method: req.method,
    route: req.routeOptions.url ?? null,
    url: req.url.slice(0, 300),
  }
}

/**
 * Audits refusals: an onError hook (it runs before the error handler, whatever threw: the auth hook, a role check,
 * the CSRF check, the login rate limit) records 401, 403 and 429 answers with route, method, address and reason.
 * Recording never changes the answer: a failure to write is logged and the refusal is sent as usual.
 */
async function refusalAuditPlugin(app: FastifyInstance) {
  const recorder = new RefusalRecorder(app.deps.storage.db)
  app.decorate('refusals', recorder)
  app.addHook('onError', async (req, _reply, err) => {
    const r = refusalOf(req, err)
    if (!r) return
    try {
      await recorder.record(r)
    } catch (e) {
      req.log.error({ err: e }, 'could not record a refusal in the audit log')
    }
  })
  app.deps.onClose.push(() => recorder.flush(Date.now(), true))
}

export default fp(refusalAuditPlugin, { name: 'mamori-refusal-audit' })
