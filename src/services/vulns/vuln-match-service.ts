import { MamoriError } from '../../core/errors.js'
import type { Actor, AuditLog, Clock, FindingStore } from '../../core/ports.js'
import { candidatePairs } from '../../core/vulns/component-match.js'
import { matchDevices } from '../../core/vulns/match-devices.js'
import type {
  AdvisoryDocument,
  CveForMatch,
  DeviceForVulnMatch,
  MatchReview,
  Notification,
  VulnMatch,
} from '../../core/vulns/model.js'
import type { CveFacts, VulnDeviceStore, VulnStore } from '../../core/vulns/store.js'
import { type MatchFacts, scoreOf, vulnerabilityFindingItems } from '../../core/vulns/vuln-findings.js'
import type { JobContext, JobRunner, StartedJob } from '../job-runner.js'
import type { ModelCatalogService } from '../model-catalog.js'

/** What one matching run did. */
export interface MatchRunResult {
  devices: number
  matches: number
  affected: number
  added: number
  removed: number
  findings: { created: number; updated: number; resolved: number }
  notifications: number
}

/** The engine's answer unless a person decided: false → 'false-positive'; accepted needs-review → 'affected'. */
export function effectiveDecision(m: Pick<VulnMatch, 'decision'>, review: Pick<MatchReview, 'decision'> | null) {
  if (review?.decision === 'false-positive') return 'false-positive' as const
  if (review?.decision === 'accepted' && m.decision === 'needs-review') return 'affected' as const
  return m.decision
}

/** The review that covers a match: the model's (every device of it), else the device's own, same review key. */
export function reviewIndex(reviews: readonly MatchReview[]) {
  const byKey = new Map<string, MatchReview>()
  for (const r of reviews) byKey.set(`${r.modelId ? `m:${r.modelId}` : `d:${r.deviceId}`}|${r.reviewKey}`, r)
  return (m: Pick<VulnMatch, 'modelId' | 'deviceId' | 'reviewKey'>): MatchReview | null =>
    (m.modelId ? byKey.get(`m:${m.modelId}|${m.reviewKey}`) : undefined) ??
    byKey.get(`d:${m.deviceId}|${m.reviewKey}`) ??
    null
}

/** Remediations the advisory gives for this vulnerability (all products, deduplicated). */
export function remediationsOf(doc: AdvisoryDocument | undefined, cve: string | null) {
  if (!doc) return []
  const seen = new Set<string>()
  const out: { category: string; details: string; url: string | null }[] = []
  for (const v of doc.vulnerabilities)
    if (v.cve === cve)
      for (const r of v.remediations) {
        const k = `${r.category}|${r.details}`
        if (!seen.has(k)) {
          seen.add(k)
          out.push({ category: r.category, details: r.details, url: r.url })
        }
      }
  return out
}

/** Highest CVSS base score the advisory gives the vulnerability, else the CVE record's. */
export function cvssOf(doc: AdvisoryDocument | undefined, cve: string | null, facts: CveFacts | undefined) {
  let best: number | null = null
  for (const v of doc?.vulnerabilities ?? [])
    if (v.cve === cve)
      for (const s of v.scores) {
        const score = scoreOf(s.cvssV4) ?? scoreOf(s.cvssV3)
        if (score !== null && (best === null || score > best)) best = score
      }
  return best ?? scoreOf(facts?.record?.cvss4) ?? scoreOf(facts?.record?.cvss3)
}

/**
 * Runs the matching engine over the ledger: every device (with its confirmed model and their components) against
 * every stored advisory, the NVD CPE configurations of its components, and the VEX statements; stores the answers,
 * turns what the hospital must act on into findings (source `vulnerability`), and notifies new affected matches.
 */
export class VulnMatchService {
  /** Called after this service changed findings or devices (wired to the action plan and risk refresh). */
  afterChange: (actor: Actor) => Promise<void> = async () => {}

  /** Delivery of a new notification by e-mail and webhook (wired to NotifyService by buildServices). */
  deliver: (n: Notification) => Promise<unknown> = async () => undefined

  constructor(
    private readonly store: VulnStore,
    private readonly devices: VulnDeviceStore,
    private readonly findings: FindingStore,
    private readonly catalog: Pick<ModelCatalogService, 'vendorResolver'>,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly jobs?: Pick<JobRunner, 'start'>,
  ) {}

  /** One run (all devices, or these). Nothing is stored before the engine has answered for every device. */
  async run(actor: Actor, opts: { deviceIds?: readonly string[]; job?: JobContext } = {}): Promise<MatchRunResult> {
    const { job } = opts
    const step = (phase: string, done: number) => {
      if (job?.signal.aborted) throw MamoriError.of('JOB_CANCELLED')
      job?.progress({ done, total: 5, phase })
    }
    step('load', 0)
    const ledger = await this.devices.devicesForMatch(opts.deviceIds)
    const components = (
      await this.store.components(
        opts.deviceIds
          ? {
              deviceIds: ledger.map((d) => d.id),
              modelIds: [...new Set(ledger.flatMap((d) => (d.catalogModel ? [d.catalogModel.id] : [])))],
            }
          : {},
      )
    ).filter((c) => c.confirmed)
    const ofModel = new Map<string, typeof components>()
    const ofDevice = new Map<string, typeof components>()
    for (const c of components) {
      const [map, key] = c.modelId ? [ofModel, c.modelId] : [ofDevice, c.deviceId!]
      const list = map.get(key)
      if (list) list.push(c)
      else map.set(key, [c])
    }
    const devices: DeviceForVulnMatch[] = ledger.map((d) => ({
      id: d.id,
      manufacturer: d.manufacturer,
      model: d.model,
      softwareVersion: d.softwareVersion,
      catalogModel: d.catalogModel,
      components: [...(ofDevice.get(d.id) ?? []), ...(d.catalogModel ? (ofModel.get(d.catalogModel.id) ?? []) : [])],
    }))
    const [vendors, advisories, vex] = await Promise.all([
      this.catalog.vendorResolver(),
      this.store.advisoryDocuments(),
      this.store.vexStatements(),
    ])
    step('candidates', 1)
    const index = new Map<string, CveForMatch[]>()
    for (const cve of await this.store.cveCandidates(candidatePairs(devices)))
      for (const pair of cvePairs(cve)) {
        const list = index.get(pair)
        if (list) list.push(cve)
        else index.set(pair, [cve])
      }
    step('match', 2)
    const matches = matchDevices({
      devices,
      advisories,
      vex,
      vendors,
      lookup: (vendor, product) => index.get(`${vendor}:${product}`) ?? [],
    })
    step('store', 3)
    const now = this.clock.now().toISOString()
    const stored = await this.store.replaceMatches(matches, now, opts.deviceIds)
    step('findings', 4)
    const reviewOf = reviewIndex(await this.store.reviews())
    const effective: VulnMatch[] = []
    for (const m of matches) {
      const decision = effectiveDecision(m, reviewOf(m))
      if (decision !== 'false-positive') effective.push({ ...m, decision })
    }
    const docs = new Map(advisories.map((a) => [a.id, a]))
    const cveIds = [...new Set(effective.flatMap((m) => (m.cve ? [m.cve] : [])))]
    const facts = await this.store.cveFacts(cveIds)
    const siteOf = new Map(ledger.map((d) => [d.id, d.siteId]))
    const factsOf = (m: VulnMatch): MatchFacts => {
      const f = m.cve ? facts.get(m.cve) : undefined
      const doc = m.advisoryId ? docs.get(m.advisoryId) : undefined
      return {
        cvss: cvssOf(doc, m.cve, f),
        kev: f?.kev ?? null,
        epss: f?.epss?.score ?? null,
        remediations: remediationsOf(doc, m.cve),
        advisoryTitle: doc?.title ?? null,
      }
    }
    const items = vulnerabilityFindingItems(
      effective.map((m) => ({ ...m, siteId: siteOf.get(m.deviceId) ?? '' })),
      factsOf,
    )
    const counts =
      items.length > 0 ? await this.findings.upsertFindings('vulnerability', null, items) : { created: 0, updated: 0 }
    const resolved = await this.devices.resolveStaleFindings(
      opts.deviceIds ? ledger.map((d) => d.id) : null,
      new Set(items.map((i) => i.key!)),
    )
    const notifications = await this.notifyNew(stored.added, reviewOf, facts, docs, now)
    const result: MatchRunResult = {
      devices: devices.length,
      matches: matches.length,
      affected: effective.filter((m) => m.decision === 'affected').length,
      added: stored.added.length,
      removed: stored.removed,
      findings: { ...counts, resolved },
      notifications,
    }
    job?.progress({ done: 5, total: 5, phase: 'done' })
    await this.audit.record(actor, { action: 'vulns.match', targetType: 'vuln_match', after: result })
    await this.afterChange(actor)
    return result
  }

  /** Every device matched again, as a `vuln-match` job (progress per phase; a cancel before `store` changes nothing). */
  startRun(actor: Actor, trigger: 'user' | 'cli'): Promise<StartedJob<MatchRunResult>> {
    if (!this.jobs) throw new Error('VulnMatchService was built without a job runner')
    return this.jobs.start('vuln-match', { actor, trigger }, (ctx) => this.run(actor, { job: ctx }))
  }

  /** One notification per advisory (or CVE) with new affected devices, delivered by e-mail / webhook when set up. */
  private async notifyNew(
    added: readonly VulnMatch[],
    reviewOf: ReturnType<typeof reviewIndex>,
    facts: Map<string, CveFacts>,
    docs: Map<string, AdvisoryDocument>,
    now: string,
  ): Promise<number> {
    const groups = new Map<string, VulnMatch[]>()
    for (const m of added)
      if (effectiveDecision(m, reviewOf(m)) === 'affected') {
        const k = m.advisoryId ?? m.cve ?? m.reviewKey
        groups.set(k, [...(groups.get(k) ?? []), m])
      }
    for (const [key, ms] of groups) {
      const cves = [...new Set(ms.flatMap((m) => (m.cve ? [m.cve] : [])))]
      const deviceIds = [...new Set(ms.map((m) => m.deviceId))]
      const knownExploited = cves.some((c) => facts.get(c)?.kev)
      const title = ms[0]!.advisoryId ? (docs.get(ms[0]!.advisoryId)?.title ?? key) : key
      const n = await this.store.addNotification({
        kind: 'new-match',
        titleJa: `${knownExploited ? '【悪用あり】' : ''}${key}: 該当する機器が ${deviceIds.length} 台あります — ${title}`,
        titleEn: `${knownExploited ? '[Known exploited] ' : ''}${key}: ${deviceIds.length} device(s) affected — ${title}`,
        body: { advisoryId: ms[0]!.advisoryId, cves, deviceIds, knownExploited },
        createdAt: now,
      })
      // Delivery failures are the notifier's to report; the in-app notification and the matches stay.
      await this.deliver(n).catch(() => undefined)
    }
    await this.store.markNotified(
      added.map((m) => m.id),
      now,
    )
    return groups.size
  }
}

/** The vendor:product pairs a candidate CVE's criteria name (the store found it through one of them). */
function cvePairs(cve: CveForMatch): string[] {
  const out = new Set<string>()
  const walk = (nodes: readonly { cpeMatch?: { criteria: string }[]; nodes?: unknown[] }[]) => {
    for (const n of nodes) {
      for (const m of n.cpeMatch ?? []) {
        const parts = m.criteria.split(':')
        if (parts.length > 5) out.add(`${parts[3]}:${parts[4]}`)
      }
      if (n.nodes) walk(n.nodes as typeof nodes)
    }
  }
  for (const c of cve.configurations) walk(c.nodes)
  return [...out]
}
