/**
 * The action plan (issue 10, ADR 0034): open findings of every source grouped into things a person can do, one
 * action per (site, kind). Pure: findings, the actions already stored, the SLA and the time in; what to create,
 * update and which findings' decisions follow out. The repository applies the plan in one transaction, audited.
 *
 * - Grouping (`actionKind`): scan rules → `scan:<rule>`; disclosure findings → `control:<compensating control>` (the
 *   rule's first control) or `disclosure:<rule>`; vulnerability findings → `vuln:<advisory or CVE>` (or
 *   `vuln-review:<…>` when a person must first check whether it applies); anything else → `<source>:<rule>`.
 * - Due date: creation date + SLA days for the most severe finding (`knownExploited` days when any is KEV-listed),
 *   unless a person set one.
 * - Closing: an action none of whose findings is open any more, at least one because it was fixed (a re-scan,
 *   re-capture or re-match no longer sees it), becomes `done` with the evidence; when one is seen again it reopens.
 * - Acceptance: past its expiry the action goes back to `open` and its accepted findings with it; a new problem of
 *   the same kind joining an accepted action also reopens it (an acceptance covers what the approver saw).
 * - A person's owner, due date and status (`in_progress`, a `done` they set) survive re-syncs.
 */
import type { ActionStatus, SlaPolicy } from '../../../api/actions.js'
import { controlDefinition } from '../disclosures/controls.js'
import { DISCLOSURE_RULES } from '../disclosures/rules/index.js'
import { SEVERITIES, type Severity } from '../findings/finding.js'
import { actionTemplate, fillCount } from './templates.js'

/** Default SLA in days (ADR 0034): KEV-listed 7 days, cf. CISA BOD 22-01's two weeks for KEV entries. */
export const DEFAULT_SLA: SlaPolicy = { critical: 14, high: 30, medium: 90, low: 180, info: 365, knownExploited: 7 }

/** A finding as the planner sees it (the repository adds `knownExploited`, `fixedOn` and a device label). */
export interface PlanFinding {
  id: string
  source: string
  ruleId: string
  siteId: string
  deviceId: string | null
  /** Asset tag or name, for evidence; null when unknown. */
  deviceLabel: string | null
  address: string | null
  port: number | null
  severity: Severity
  status: 'open' | 'accepted' | 'fixed'
  statusReason: string | null
  statusExpiresAt: string | null
  titleJa: string
  titleEn: string
  recommendationJa: string
  recommendationEn: string
  evidence: string
  incomplete: boolean
  /** CISA KEV lists it (vulnerability findings: the KEV table or "KEV" in the evidence). */
  knownExploited: boolean
  /** When the source stopped seeing it (YYYY-MM-DD, e.g. the re-scan's finish), or null (the sync date is used). */
  fixedOn: string | null
}

export interface Acceptance {
  reason: string
  approver: string
  expiresOn: string
  acceptedBy: string | null
  acceptedAt: string
}

/** Everything about an action that a sync computes. */
export interface ActionFields {
  titleJa: string
  titleEn: string
  detailJa: string
  detailEn: string
  severity: Severity
  knownExploited: boolean
  deviceCount: number
  findingCount: number
  dueOn: string
  status: ActionStatus
  acceptance: Acceptance | null
  closedAt: string | null
  closedEvidence: string | null
}

/** A stored action as the planner needs it: its computed fields as stored, and who owns it. */
export interface PlanAction extends ActionFields {
  id: string
  siteId: string
  kind: string
  owner: string | null
  dueSetByPerson: boolean
  createdAt: string
  findingIds: readonly string[]
}

export interface PlannedCreate {
  siteId: string
  kind: string
  fields: ActionFields
  findingIds: string[]
}

export interface PlannedUpdate {
  id: string
  before: ActionFields
  fields: ActionFields
  addFindingIds: string[]
  /** What happened, for the audit entry: closed (with evidence), reopened, acceptance expired or broken, refreshed. */
  event: 'closed' | 'reopened' | 'acceptance-expired' | 'acceptance-ended' | 'refreshed'
}

/** A finding's decision that follows its action's (back to open when the action's acceptance ends). */
export interface FindingChange {
  findingId: string
  actionId: string
  status: 'open'
  reason: null
  expiresAt: null
}

export interface ActionPlan {
  create: PlannedCreate[]
  update: PlannedUpdate[]
  findings: FindingChange[]
}

const RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>

/** The more severe of two severities. */
export const worse = (a: Severity, b: Severity): Severity => (RANK[a] <= RANK[b] ? a : b)

/** `YYYY-MM-DD` of an ISO timestamp or date. */
export const dayOf = (iso: string) => iso.slice(0, 10)

/** `day` plus `days` calendar days (UTC), as YYYY-MM-DD. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${dayOf(day)}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Days the SLA gives for this severity (KEV-listed: `knownExploited`, unless the severity's own is shorter). */
export function slaDays(sla: SlaPolicy, severity: Severity, knownExploited: boolean): number {
  return knownExploited ? Math.min(sla.knownExploited, sla[severity]) : sla[severity]
}

/** The due date the SLA gives an action created at `createdAt`. */
export function slaDue(sla: SlaPolicy, createdAt: string, severity: Severity, knownExploited: boolean): string {
  return addDays(createdAt, slaDays(sla, severity, knownExploited))
}

const RULE_CONTROL = new Map<string, string>()
for (const r of DISCLOSURE_RULES) if (r.controls?.[0] && !RULE_CONTROL.has(r.id)) RULE_CONTROL.set(r.id, r.controls[0])

/** The advisory a vulnerability finding names in its evidence ("advisory ICSMA-20-049-01, CVE-…"), or null. */
export function advisoryOf(f: Pick<PlanFinding, 'evidence' | 'ruleId'>): string {
  const m = /(?:^|, )advisory ([^,\s]+)/.exec(f.evidence)
  if (m?.[1]) return m[1]
  return f.ruleId.startsWith('advisory:') ? f.ruleId.slice('advisory:'.length) : f.ruleId
}

/** Whether the evidence of a vulnerability finding says it is KEV-listed (services write "…, KEV, …"). */
export const evidenceSaysKev = (evidence: string) => /(?:^|, )KEV(?:,|$)/.test(evidence)

/** The grouping key: what is to be done. Stable for a finding across syncs. */
export function actionKind(f: Pick<PlanFinding, 'source' | 'ruleId' | 'evidence' | 'incomplete' | 'severity'>): string {
  if (f.source === 'vulnerability') {
    const review = f.incomplete && f.severity === 'info'
    return `${review ? 'vuln-review' : 'vuln'}:${advisoryOf(f)}`
  }
  if (f.source === 'disclosure' && !actionTemplate(f.ruleId)) {
    const control = RULE_CONTROL.get(f.ruleId)
    if (control) return `control:${control}`
  }
  return `${f.source}:${f.ruleId}`
}

const unitOf = (f: PlanFinding) => f.deviceId ?? (f.address ? `address:${f.address}` : `finding:${f.id}`)

function bySeverity(a: PlanFinding, b: PlanFinding): number {
  return RANK[a.severity] - RANK[b.severity] || Number(b.knownExploited) - Number(a.knownExploited) || cmp(a.id, b.id)
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const uniq = (xs: readonly string[]) => [...new Set(xs)]

/** Titles and details of the action of `kind` over these findings (sorted most severe first). */
export function actionTexts(
  kind: string,
  findings: readonly PlanFinding[],
): Pick<ActionFields, 'titleJa' | 'titleEn' | 'detailJa' | 'detailEn'> {
  const sorted = [...findings].sort(bySeverity)
  const first = sorted[0]
  const n = new Set(sorted.map(unitOf)).size
  const [prefix, ...rest] = kind.split(':')
  const id = rest.join(':')
  const devicesJa = `${n} 台`
  const devicesEn = n === 1 ? '1 device' : `${n} devices`
  if (prefix === 'vuln' || prefix === 'vuln-review') {
    const cves = uniq(sorted.map((f) => f.ruleId).filter((r) => r !== id && !r.startsWith('advisory:'))).sort()
    const listJa =
      cves.length > 0 ? `\n対象の脆弱性: ${cves.slice(0, 10).join(', ')}${cves.length > 10 ? ' ほか' : ''}` : ''
    const listEn =
      cves.length > 0 ? `\nVulnerabilities: ${cves.slice(0, 10).join(', ')}${cves.length > 10 ? ' and more' : ''}` : ''
    if (prefix === 'vuln-review')
      return {
        titleJa: `${id} がこの機器に当てはまるか確認する — ${devicesJa}`,
        titleEn: `Check whether ${id} applies — ${devicesEn}`,
        detailJa: `版数などが分からず、該当するかを Mamori では判断できませんでした。製造業者の資料や機器の画面で版数を確認してください。${listJa}`,
        detailEn: `Mamori could not decide whether it applies (the version is not known). Check the version on the device or in the manufacturer's documents.${listEn}`,
      }
    return {
      titleJa: `${id} に対処する（製造業者の更新を適用、なければ緩和策・隔離）— ${devicesJa}`,
      titleEn: `Apply the manufacturer's update for ${id} (or its mitigation, or isolate) — ${devicesEn}`,
      detailJa: `${first?.recommendationJa ?? ''}${listJa}`,
      detailEn: `${first?.recommendationEn ?? ''}${listEn}`,
    }
  }
  if (prefix === 'control') {
    const c = controlDefinition(id)
    if (c) {
      const titlesJa = uniq(sorted.map((f) => f.titleJa)).slice(0, 5)
      const titlesEn = uniq(sorted.map((f) => f.titleEn)).slice(0, 5)
      return {
        titleJa: `${c.titleJa} — ${devicesJa}`,
        titleEn: `${c.titleEn} — ${devicesEn}`,
        detailJa: `${c.detailJa}\n製造業者の開示書で分かった弱点: ${titlesJa.join('／')}`,
        detailEn: `${c.detailEn}\nWeaknesses from the manufacturers' disclosures: ${titlesEn.join('; ')}`,
      }
    }
  }
  const template = first ? actionTemplate(first.ruleId) : undefined
  if (template)
    return {
      titleJa: fillCount(template.titleJa, n),
      titleEn: fillCount(template.titleEn, n),
      detailJa: template.detailJa,
      detailEn: template.detailEn,
    }
  // Any other rule: the findings' own words.
  return {
    titleJa: `${first?.titleJa ?? kind} — ${devicesJa}`,
    titleEn: `${first?.titleEn ?? kind} — ${devicesEn}`,
    detailJa: first?.recommendationJa ?? '',
    detailEn: first?.recommendationEn ?? '',
  }
}

const SCAN_REASON = /^not observed again by scan (\S+)/

/** One line of closing evidence for a fixed finding, Japanese then English. */
export function fixedEvidence(f: PlanFinding, today: string): string {
  const day = f.fixedOn ?? today
  const t = actionTemplate(f.ruleId)
  const whatJa = t?.whatJa ?? f.titleJa
  const whatEn = t?.whatEn ?? f.titleEn
  const place = f.address ? `${f.address}${f.port !== null ? `:${f.port}` : ''}` : null
  const where = [f.deviceLabel, place].filter(Boolean).join(' ') || (f.deviceId ? f.deviceId.slice(0, 8) : '?')
  const scan = f.statusReason ? SCAN_REASON.exec(f.statusReason) : null
  if (scan?.[1]) {
    const id = scan[1].slice(0, 8)
    return `スキャン ${id} で ${where} の ${whatJa} が見えなくなりました（${day}） / Scan ${id} no longer sees ${whatEn} on ${where} (${day})`
  }
  if (f.source === 'vulnerability')
    return `${where} は ${f.ruleId} に該当しなくなりました（${day}、${f.statusReason ?? '照合結果'}） / ${where} is no longer affected by ${f.ruleId} (${day}; ${f.statusReason ?? 'matching'})`
  const why = f.statusReason ? `: ${f.statusReason}` : ''
  return `${where} の ${whatJa} は対応済みとして記録されました（${day}${why}） / ${whatEn} on ${where} was recorded as fixed (${day}${why})`
}

const MAX_EVIDENCE_LINES = 20

/** The closing evidence of an action: one line per fixed finding (at most 20, then how many more). */
export function closingEvidence(fixed: readonly PlanFinding[], today: string): string {
  const lines = [...fixed].sort((a, b) => cmp(a.id, b.id)).map((f) => fixedEvidence(f, today))
  const more = lines.length - MAX_EVIDENCE_LINES
  return [...lines.slice(0, MAX_EVIDENCE_LINES), ...(more > 0 ? [`ほか ${more} 件 / ${more} more`] : [])].join('\n')
}

/** Severity, KEV and counts over the findings that still matter (not fixed), or all of them when all are fixed. */
function measure(findings: readonly PlanFinding[]) {
  const live = findings.filter((f) => f.status !== 'fixed')
  const basis = live.length > 0 ? live : findings
  return {
    basis,
    severity: basis.reduce<Severity>((s, f) => worse(s, f.severity), 'info'),
    knownExploited: basis.some((f) => f.knownExploited),
    deviceCount: new Set(basis.map(unitOf)).size,
    findingCount: basis.length,
  }
}

/**
 * The plan for one sync.
 *
 * @param findings open findings of every source, plus every finding linked to a stored action (any status)
 * @param actions the stored actions with their linked finding ids
 */
export function planActions(
  findings: readonly PlanFinding[],
  actions: readonly PlanAction[],
  sla: SlaPolicy,
  now: Date,
): ActionPlan {
  const nowIso = now.toISOString()
  const today = dayOf(nowIso)
  const byId = new Map(findings.map((f) => [f.id, f]))
  const linked = new Set(actions.flatMap((a) => a.findingIds))
  const groups = new Map<string, { siteId: string; kind: string; findings: PlanFinding[] }>()
  for (const f of findings) {
    if (f.status !== 'open' || linked.has(f.id)) continue
    const kind = actionKind(f)
    const key = `${f.siteId}\u0000${kind}`
    const g = groups.get(key) ?? { siteId: f.siteId, kind, findings: [] }
    g.findings.push(f)
    groups.set(key, g)
  }
  const plan: ActionPlan = { create: [], update: [], findings: [] }

  for (const a of actions) {
    const key = `${a.siteId}\u0000${a.kind}`
    const joined = groups.get(key)?.findings ?? []
    groups.delete(key)
    const all = [...a.findingIds.flatMap((id) => byId.get(id) ?? []), ...joined]
    if (all.length === 0) continue
    // Decisions of this sync on the findings (acceptance ended → back to open), applied to the view below.
    const reopenedFindings = new Set<string>()
    let status = a.status
    let acceptance = a.acceptance
    let closedAt = a.closedAt
    let closedEvidence = a.closedEvidence
    let event: PlannedUpdate['event'] = 'refreshed'
    if (status === 'accepted' && acceptance) {
      const expired = acceptance.expiresOn < today
      if (expired || joined.length > 0) {
        for (const f of all) if (f.status === 'accepted') reopenedFindings.add(f.id)
        status = 'open'
        acceptance = null
        event = expired ? 'acceptance-expired' : 'acceptance-ended'
      }
    }
    const view = all.map((f) => (reopenedFindings.has(f.id) ? { ...f, status: 'open' as const } : f))
    const open = view.filter((f) => f.status === 'open')
    const fixed = view.filter((f) => f.status === 'fixed')
    if (status === 'open' || status === 'in_progress') {
      if (open.length === 0 && fixed.length > 0 && !view.some((f) => f.status === 'accepted')) {
        status = 'done'
        closedAt = nowIso
        closedEvidence = closingEvidence(fixed, today)
        event = 'closed'
      }
    } else if (status === 'done') {
      // Closed on evidence and seen again, or a new problem of the same kind: reopen. A `done` a person set stays
      // while its findings are still seen; once they are all fixed, the evidence is added.
      if (open.length > 0 && (closedEvidence !== null || joined.length > 0)) {
        status = 'open'
        closedAt = null
        closedEvidence = null
        event = 'reopened'
      } else if (open.length === 0 && closedEvidence === null && fixed.length > 0) {
        closedEvidence = closingEvidence(fixed, today)
        event = 'closed'
      }
    }
    const m = measure(view)
    const fields: ActionFields = {
      ...actionTexts(a.kind, m.basis),
      severity: m.severity,
      knownExploited: m.knownExploited,
      deviceCount: m.deviceCount,
      findingCount: m.findingCount,
      dueOn: a.dueSetByPerson ? a.dueOn : slaDue(sla, a.createdAt, m.severity, m.knownExploited),
      status,
      acceptance,
      closedAt,
      closedEvidence,
    }
    for (const id of reopenedFindings)
      plan.findings.push({ findingId: id, actionId: a.id, status: 'open', reason: null, expiresAt: null })
    const before = storedFields(a)
    const addFindingIds = joined.map((f) => f.id)
    if (addFindingIds.length === 0 && sameFields(before, fields)) continue
    plan.update.push({ id: a.id, before, fields, addFindingIds, event })
  }

  for (const g of groups.values()) {
    const m = measure(g.findings)
    plan.create.push({
      siteId: g.siteId,
      kind: g.kind,
      findingIds: g.findings.map((f) => f.id),
      fields: {
        ...actionTexts(g.kind, m.basis),
        severity: m.severity,
        knownExploited: m.knownExploited,
        deviceCount: m.deviceCount,
        findingCount: m.findingCount,
        dueOn: slaDue(sla, nowIso, m.severity, m.knownExploited),
        status: 'open',
        acceptance: null,
        closedAt: null,
        closedEvidence: null,
      },
    })
  }
  plan.create.sort((x, y) => cmp(x.siteId, y.siteId) || cmp(x.kind, y.kind))
  return plan
}

const FIELD_KEYS = [
  'titleJa',
  'titleEn',
  'detailJa',
  'detailEn',
  'severity',
  'knownExploited',
  'deviceCount',
  'findingCount',
  'dueOn',
  'status',
  'acceptance',
  'closedAt',
  'closedEvidence',
] as const satisfies readonly (keyof ActionFields)[]

/** The computed fields of a stored action. */
export function storedFields(a: ActionFields): ActionFields {
  return {
    titleJa: a.titleJa,
    titleEn: a.titleEn,
    detailJa: a.detailJa,
    detailEn: a.detailEn,
    severity: a.severity,
    knownExploited: a.knownExploited,
    deviceCount: a.deviceCount,
    findingCount: a.findingCount,
    dueOn: a.dueOn,
    status: a.status,
    acceptance: a.acceptance,
    closedAt: a.closedAt,
    closedEvidence: a.closedEvidence,
  }
}

function sameFields(a: ActionFields, b: ActionFields): boolean {
  return FIELD_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
}
