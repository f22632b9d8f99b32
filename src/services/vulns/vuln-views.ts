import type { AdvisoryAffected, AdvisoryDetail, AdvisorySummary, CveFactsOut, MatchOut } from '../../../api/vulns.js'
import { notFound } from '../../core/errors.js'
import type { Actor, Clock } from '../../core/ports.js'
import { cvssSeverity } from '../../core/vulns/cvss.js'
import type { AdvisoryDocument, ReviewDecision } from '../../core/vulns/model.js'
import type {
  AdvisoryListItem,
  AdvisoryListQuery,
  CveFacts,
  StoredMatch,
  VulnDeviceRef,
  VulnDeviceStore,
  VulnStore,
} from '../../core/vulns/store.js'
import { scoreOf } from '../../core/vulns/vuln-findings.js'
import { cvssOf, effectiveDecision, remediationsOf } from './vuln-match-service.js'

const DAY = 86_400_000
/** A first visit shows the last week: enough for a Monday morning, not a wall of history. */
const FIRST_VISIT_DAYS = 7

const band = (score: number | null): CveFactsOut['severity'] => (score === null ? null : cvssSeverity(score))

export function presentFacts(f: CveFacts | undefined, cvss: number | null = null): CveFactsOut | null {
  if (!f) return null
  const r = f.record
  return {
    id: f.id,
    descriptionEn: r?.descriptionEn ?? null,
    descriptionJa: r?.descriptionJa ?? null,
    cvss3: r?.cvss3 ?? null,
    cvss4: r?.cvss4 ?? null,
    severity: band(cvss ?? scoreOf(r?.cvss4) ?? scoreOf(r?.cvss3)),
    kev: f.kev
      ? {
          dateAdded: f.kev.dateAdded,
          dueDate: f.kev.dueDate,
          ransomware: f.kev.ransomware,
          requiredAction: f.kev.requiredAction,
          name: f.kev.name,
        }
      : null,
    epss: f.epss ? { score: f.epss.score, percentile: f.epss.percentile, scoreDate: f.epss.scoreDate } : null,
  }
}

const summary = (a: AdvisoryListItem): AdvisorySummary => ({
  id: a.id,
  source: a.source,
  category: a.category,
  title: a.title,
  titleJa: a.titleJa,
  publisher: a.publisher,
  revision: a.revision,
  releasedAt: a.releasedAt,
  updatedAt: a.updatedAt,
  url: a.url,
  firstImportedAt: a.firstImportedAt,
  cves: a.cves,
  affectedDevices: a.affectedDevices,
  knownExploited: a.knownExploited,
  maxCvss: a.maxCvss,
})

const unknownDevice = (id: string): VulnDeviceRef => ({
  id,
  assetTag: null,
  name: null,
  manufacturer: null,
  model: null,
  softwareVersion: null,
  location: null,
  department: null,
  owner: null,
})

/** Most urgent first: affected before review before ruled out; known exploited, then CVSS. */
function urgency(m: MatchOut): number {
  const order = { affected: 0, 'needs-review': 1, 'ruled-out-by-version': 2, 'not-affected': 3, 'false-positive': 4 }
  const cvss = m.facts?.cvss4?.baseScore ?? m.facts?.cvss3?.baseScore ?? 0
  return order[m.effective] * 100 + (m.knownExploited ? 0 : 50) + (10 - cvss)
}

/**
 * The vulnerability views: the advisory list and the morning view, "do we have this?" per advisory, advisories and
 * CVEs per device, and people's decisions on matches (per model: one decision covers every device of it).
 */
export class VulnViews {
  constructor(
    private readonly store: VulnStore,
    private readonly devices: VulnDeviceStore,
    private readonly clock: Clock,
    /** Re-runs matching for these devices after a decision (findings follow the decision). */
    private readonly rematch: (actor: Actor, deviceIds: readonly string[]) => Promise<unknown>,
  ) {}

  async list(q: AdvisoryListQuery): Promise<{ items: AdvisorySummary[]; total: number }> {
    const { items, total } = await this.store.listAdvisories(q)
    return { items: items.map(summary), total }
  }

  /** New advisories since the caller's last visit (first visit: the last week). */
  async morning(userId: string): Promise<{ since: string | null; items: AdvisorySummary[] }> {
    const last = await this.store.setting(`advisories.lastVisit.${userId}`)
    const since = last ? (JSON.parse(last) as string) : null
    const from = since ?? new Date(this.clock.now().getTime() - FIRST_VISIT_DAYS * DAY).toISOString()
    const { items } = await this.store.listAdvisories({ since: from, limit: 500, offset: 0 })
    return { since, items: items.map(summary) }
  }

  async markSeen(actor: Actor, visitor: string): Promise<void> {
    await this.store.putSetting(
      `advisories.lastVisit.${visitor}`,
      JSON.stringify(this.clock.now().toISOString()),
      actor,
      null,
    )
  }

  private async advisory(id: string): Promise<{ item: AdvisoryListItem; document: AdvisoryDocument }> {
    const found = await this.store.getAdvisory(id)
    if (!found) throw notFound('Advisory', id, '脆弱性情報')
    const { items } = await this.store.listAdvisories({ q: id, limit: 50, offset: 0 })
    const item = items.find((a) => a.id === found.advisory.id) ?? {
      ...found.advisory,
      affectedDevices: 0,
      knownExploited: false,
      maxCvss: null,
    }
    return { item, document: found.document }
  }

  async detail(id: string): Promise<AdvisoryDetail> {
    const { item, document } = await this.advisory(id)
    const facts = await this.store.cveFacts(document.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])))
    return {
      advisory: summary(item),
      summaryEn: document.summaryEn,
      summaryJa: document.summaryJa,
      products: document.products.map((p) => ({
        productId: p.productId,
        name: p.name,
        vendor: p.vendor,
        versionRange: p.versionRange,
        version: p.version,
      })),
      vulnerabilities: document.vulnerabilities.map((v) => ({
        cve: v.cve,
        title: v.title,
        cwe: v.cwe,
        facts: presentFacts(v.cve ? facts.get(v.cve) : undefined, cvssOf(document, v.cve, undefined)),
        remediations: remediationsOf(document, v.cve),
      })),
    }
  }

  /** "Do we have this?": the affected devices with location, department and owner; the ruled-out ones with why. */
  async affected(id: string): Promise<AdvisoryAffected> {
    const { item } = await this.advisory(id)
    const rows = await this.present(await this.store.matches({ advisoryId: item.id }))
    const isOut = (m: MatchOut) => m.effective !== 'affected' && m.effective !== 'needs-review'
    return { advisory: summary(item), affected: rows.filter((m) => !isOut(m)), ruledOut: rows.filter(isOut) }
  }

  async device(deviceId: string): Promise<{ items: MatchOut[] }> {
    return { items: await this.present(await this.store.matches({ deviceId })) }
  }

  /** A person's decision on a match; it covers every device of the match's model (or the one device without one). */
  async review(actor: Actor, matchId: string, decision: ReviewDecision, note: string | null) {
    const [m] = await this.store.matches({ id: matchId })
    if (!m) throw notFound('Match', matchId, '照合結果')
    const review = await this.store.putReview(
      {
        modelId: m.modelId,
        deviceId: m.modelId ? null : m.deviceId,
        reviewKey: m.reviewKey,
        decision,
        note,
        decidedBy: actor.name,
        decidedAt: this.clock.now().toISOString(),
      },
      actor,
      (before, after) => ({
        action: 'vulns.review',
        targetType: 'match_review',
        targetId: after.id,
        before,
        after: { ...after, cve: m.cve, advisoryId: m.advisoryId, productLabel: m.productLabel },
      }),
    )
    await this.rematch(actor, await this.devicesCovered(m))
    return review
  }

  async removeReview(actor: Actor, id: string): Promise<void> {
    const r = (await this.store.reviews()).find((x) => x.id === id)
    if (!r) throw notFound('Decision', id, '判断')
    await this.store.removeReview(id, actor, (x) => ({
      action: 'vulns.review.remove',
      targetType: 'match_review',
      targetId: x.id,
      before: x,
    }))
    const covered = r.modelId
      ? (await this.devices.devicesForMatch()).filter((d) => d.catalogModel?.id === r.modelId).map((d) => d.id)
      : [r.deviceId!]
    await this.rematch(actor, covered)
  }

  private async devicesCovered(m: StoredMatch): Promise<string[]> {
    if (!m.modelId) return [m.deviceId]
    return (await this.devices.devicesForMatch()).filter((d) => d.catalogModel?.id === m.modelId).map((d) => d.id)
  }

  /** A user's notifications, newest first, and how many are unread. */
  async notifications(userId: string, unreadOnly: boolean) {
    const [items, unread] = await Promise.all([
      this.store.notifications(userId, { unreadOnly, limit: 200 }),
      this.store.notifications(userId, { unreadOnly: true, limit: 1000 }),
    ])
    return { items, unread: unread.length }
  }

  markRead(userId: string, ids: readonly string[] | 'all'): Promise<void> {
    return this.store.markRead(userId, ids, this.clock.now().toISOString())
  }

  /** Stored matches as people read them: device, decision after any review, facts, remediation; most urgent first. */
  async present(matches: readonly StoredMatch[]): Promise<MatchOut[]> {
    const [refs, facts] = await Promise.all([
      this.devices.deviceRefs(matches.map((m) => m.deviceId)),
      this.store.cveFacts([...new Set(matches.flatMap((m) => (m.cve ? [m.cve] : [])))]),
    ])
    const docs = new Map<string, { title: string; document: AdvisoryDocument } | null>()
    for (const id of new Set(matches.flatMap((m) => (m.advisoryId ? [m.advisoryId] : [])))) {
      const a = await this.store.getAdvisory(id)
      docs.set(id, a ? { title: a.advisory.titleJa ?? a.advisory.title, document: a.document } : null)
    }
    const out = matches.map((m): MatchOut => {
      const f = m.cve ? facts.get(m.cve) : undefined
      const doc = m.advisoryId ? docs.get(m.advisoryId) : null
      return {
        id: m.id,
        device: refs.get(m.deviceId) ?? unknownDevice(m.deviceId),
        cve: m.cve,
        advisoryId: m.advisoryId,
        advisoryTitle: doc?.title ?? null,
        via: m.via,
        productLabel: m.productLabel,
        decision: m.decision,
        effective: effectiveDecision(m, m.review),
        confidence: m.confidence,
        reasons: m.reasons,
        vex: m.vex,
        review: m.review
          ? {
              id: m.review.id,
              modelId: m.review.modelId,
              deviceId: m.review.deviceId,
              decision: m.review.decision,
              note: m.review.note,
              decidedBy: m.review.decidedBy,
              decidedAt: m.review.decidedAt,
            }
          : null,
        knownExploited: Boolean(f?.kev),
        facts: presentFacts(f, cvssOf(doc?.document, m.cve, f)),
        remediations: remediationsOf(doc?.document, m.cve),
        firstSeenAt: m.firstSeenAt,
      }
    })
    return out.sort((a, b) => urgency(a) - urgency(b))
  }
}
