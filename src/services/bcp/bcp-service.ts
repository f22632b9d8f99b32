import {
  type BcpGraph,
  type BcpSeedProposal,
  type BcpWarning,
  type ClinicalService,
  type ClinicalServiceInput,
  clinicalServiceInput,
  type DevicePlan,
  type DevicePlanInput,
  devicePlanInput,
  type ImpactResult,
  type NodeRef,
  type OutsideParty,
  outsidePartyInput,
} from '../../../api/bcp.js'
import type { Actor } from '../../core/actor.js'
import { defaultPlan } from '../../core/bcp/default-plans.js'
import { ContinuityGraph, keyOf } from '../../core/bcp/graph.js'
import { proposeServices } from '../../core/bcp/seed.js'
import type { BcpStore, DepRow, GraphRows, PlanDeviceRow, ServiceFields, ServiceRow } from '../../core/bcp/store.js'
import { brokenTarget, planWarnings, serviceWarnings } from '../../core/bcp/warnings.js'
import { MamoriError, notFound } from '../../core/errors.js'
import type { Clock } from '../../core/ports.js'
import type { ContinuityReader } from '../module-common.js'

interface Built {
  key: string
  graph: ContinuityGraph
  rows: GraphRows
  planned: Set<string>
  items: ClinicalService[]
  planWarnings: BcpWarning[]
}

const invalid = (why: string, where: string, whyJa: string) =>
  MamoriError.of('BCP_INVALID', { why }, [{ where, message: why, messageJa: whyJa }])

/**
 * Continuity (issue 11 part 5, ADR 0042): clinical services and their dependencies, outside parties, device plans,
 * the seed from the ledger and the impact analysis. The whole graph is read in a few set-based queries and kept in
 * memory until the ledger's or the plan's change counter moves.
 */
export class BcpService implements ContinuityReader {
  private built: Built | null = null
  private building: Promise<Built> | null = null

  constructor(
    private readonly store: BcpStore,
    private readonly clock: Clock,
  ) {}

  private now = () => this.clock.now().toISOString()

  /** The current graph: rebuilt only when the ledger or the plan changed since it was read. */
  async current(): Promise<Built> {
    const v = await this.store.versions()
    const key = `${v.ledger}/${v.plan}`
    if (this.built?.key === key) return this.built
    if (!this.building)
      this.building = this.build(key).finally(() => {
        this.building = null
      })
    const b = await this.building
    this.built = b
    return b
  }

  private async build(key: string): Promise<Built> {
    const rows = await this.store.graphRows()
    const graph = new ContinuityGraph({
      services: rows.services,
      devices: rows.devices,
      parties: rows.parties,
      edges: [
        ...rows.services.flatMap((s) =>
          s.dependencies.map((d) => ({
            sourceKind: 'service' as const,
            sourceId: s.id,
            target: d.target,
            strength: d.strength,
          })),
        ),
        ...rows.deviceEdges.map((e) => ({
          sourceKind: 'device' as const,
          sourceId: e.deviceId,
          target: e.dep.target,
          strength: e.dep.strength,
        })),
      ],
    })
    const planned = new Set(rows.plannedIds)
    const items = rows.services.map((s) => this.toService(graph, planned, s))
    return { key, graph, rows, planned, items, planWarnings: planWarnings(graph, rows.parties) }
  }

  private toService(g: ContinuityGraph, planned: Set<string>, s: ServiceRow): ClinicalService {
    return {
      ...s,
      dependencies: s.dependencies.map((d) => ({ ...d, label: g.label(d.target), broken: brokenTarget(g, d.target) })),
      warnings: serviceWarnings(g, s, (id) => planned.has(id)),
    }
  }

  // ---- services -------------------------------------------------------------------------------------------------

  async services(): Promise<{ items: ClinicalService[]; warnings: BcpWarning[] }> {
    const b = await this.current()
    return { items: b.items, warnings: b.planWarnings }
  }

  async getService(id: string): Promise<ClinicalService> {
    const s = (await this.current()).items.find((x) => x.id === id)
    if (!s) throw notFound('Clinical service', id, '診療サービス')
    return s
  }

  /** Checks the dependencies: they exist (unless already recorded), a service does not depend on itself. */
  private async fields(raw: ClinicalServiceInput, selfId: string | null): Promise<ServiceFields> {
    const p = clinicalServiceInput.parse(raw)
    const b = await this.current()
    const before = selfId ? b.rows.services.find((s) => s.id === selfId) : undefined
    const known = new Set((before?.dependencies ?? []).map((d) => keyOf(d.target.kind, d.target.id)))
    const deps = p.dependencies.map((d, i) =>
      this.checkTarget(b.graph, d, `dependencies[${i}]`, selfId ? { kind: 'service', id: selfId } : null, known),
    )
    return {
      name: p.name,
      nameEn: p.nameEn,
      description: p.description,
      department: p.department,
      criticality: p.criticality,
      owner: p.owner || null,
      decider: p.decider || null,
      maxDowntimeMinutes: p.maxDowntimeMinutes,
      fallbackJa: p.fallbackJa,
      fallbackEn: p.fallbackEn,
      seedKey: p.seedKey,
      dependencies: deps,
    }
  }

  private checkTarget(
    g: ContinuityGraph,
    d: { target: NodeRef; strength: 'hard' | 'soft'; note: string },
    where: string,
    self: NodeRef | null,
    known: Set<string>,
  ): DepRow {
    let target = d.target
    // An asset tag is accepted for a device and stored as its id.
    if (target.kind === 'device' && !g.devices.has(target.id)) {
      const byTag = g.deviceByTag.get(target.id)
      if (byTag) target = { kind: 'device', id: byTag }
    }
    if (self && target.kind === self.kind && target.id === self.id)
      throw invalid(`${where}: a ${self.kind} cannot depend on itself`, where, `${where}：自分自身には依存できません`)
    if (!g.has(target) && !known.has(keyOf(target.kind, target.id)))
      throw invalid(
        `${where}: there is no ${target.kind} "${target.id}"`,
        where,
        `${where}：${target.kind}「${target.id}」は存在しません`,
      )
    return { target, strength: d.strength, note: d.note }
  }

  async createService(raw: ClinicalServiceInput, actor: Actor): Promise<ClinicalService> {
    const f = await this.fields(raw, null)
    const id = await this.store.createService(f, actor, this.now())
    return this.getService(id)
  }

  async updateService(id: string, raw: ClinicalServiceInput, actor: Actor): Promise<ClinicalService> {
    await this.getService(id)
    const f = await this.fields(raw, id)
    await this.store.updateService(id, f, raw.version, actor, this.now())
    return this.getService(id)
  }

  async deleteService(id: string, actor: Actor): Promise<void> {
    await this.store.deleteService(id, actor, this.now())
  }

  // ---- seed -----------------------------------------------------------------------------------------------------

  async seed(apply: boolean, actor: Actor): Promise<BcpSeedProposal> {
    const b = await this.current()
    const existing = new Set(b.rows.services.map((s) => s.seedKey).filter(Boolean))
    const proposal = proposeServices(b.rows.devices)
    let created = 0
    for (const p of proposal) {
      if (!apply || existing.has(p.seedKey)) continue
      const { reasonJa: _r, reasonEn: _e, ...input } = p
      await this.store.createService(input, actor, this.now())
      created++
    }
    return { services: proposal.map((p) => ({ ...p, exists: existing.has(p.seedKey) })), created }
  }

  // ---- parties --------------------------------------------------------------------------------------------------

  async parties(): Promise<{ items: OutsideParty[]; warnings: BcpWarning[] }> {
    const b = await this.current()
    return { items: b.rows.parties, warnings: b.planWarnings.filter((w) => w.code === 'party_without_contact') }
  }

  createParty = (raw: unknown, actor: Actor) => this.store.createParty(outsidePartyInput.parse(raw), actor, this.now())
  updateParty = (id: string, raw: unknown, actor: Actor) =>
    this.store.updateParty(id, outsidePartyInput.parse(raw), actor, this.now())
  deleteParty = (id: string, actor: Actor) => this.store.deleteParty(id, actor, this.now())

  // ---- device plans ---------------------------------------------------------------------------------------------

  async devicePlans(keys: readonly string[]): Promise<DevicePlan[]> {
    const devices = await this.store.devicesByKey(keys)
    const byKey = new Map<string, PlanDeviceRow>()
    for (const d of devices) {
      byKey.set(d.id, d)
      if (d.assetTag && !byKey.has(d.assetTag)) byKey.set(d.assetTag, d)
    }
    const missing = keys.filter((k) => !byKey.has(k))
    if (missing.length) throw notFound('Device', missing.join(', '), '機器')
    const plans = new Map((await this.store.plans(devices.map((d) => d.id))).map((p) => [p.deviceId, p]))
    const b = await this.current()
    return keys.map((k) => {
      const d = byKey.get(k) as PlanDeviceRow
      const saved = plans.get(d.id)
      const base = saved ?? {
        ...defaultPlan(d.category, d.lifeCritical),
        manufacturerContact24h: d.vendorContact ?? '',
        backupNote: '',
        dependsOn: [],
        updatedAt: null,
        updatedBy: null,
      }
      return {
        deviceId: d.id,
        isolationJa: base.isolationJa,
        isolationEn: base.isolationEn,
        recoveryStepsJa: base.recoveryStepsJa,
        recoveryStepsEn: base.recoveryStepsEn,
        validationJa: base.validationJa,
        validationEn: base.validationEn,
        manufacturerContact24h: base.manufacturerContact24h,
        backupNote: base.backupNote,
        dependsOn: base.dependsOn.map((x) => ({
          ...x,
          label: b.graph.label(x.target),
          broken: brokenTarget(b.graph, x.target),
        })),
        device: {
          assetTag: d.assetTag,
          name: d.name,
          model: d.model,
          department: d.department,
          location: d.location,
          lifeCritical: d.lifeCritical,
        },
        saved: saved !== undefined,
        services: b.graph.servicesDependingOn({ kind: 'device', id: d.id }),
        updatedAt: base.updatedAt,
        updatedBy: base.updatedBy,
      }
    })
  }

  async devicePlan(key: string): Promise<DevicePlan> {
    return (await this.devicePlans([key]))[0] as DevicePlan
  }

  /** Saved plans, or (missing) the devices services depend on that have no plan, as unsaved defaults. */
  async listPlans(missing: boolean): Promise<{ items: DevicePlan[] }> {
    const b = await this.current()
    const ids = missing
      ? b.graph
          .plannedDeviceIds()
          .filter((id) => !b.planned.has(id) && b.graph.devices.get(id)?.status !== 'decommissioned')
      : [...b.planned].filter((id) => b.graph.devices.has(id))
    return { items: await this.devicePlans(ids) }
  }

  async putDevicePlan(key: string, raw: DevicePlanInput, actor: Actor): Promise<DevicePlan> {
    const [d] = await this.store.devicesByKey([key])
    if (!d) throw notFound('Device', key, '機器')
    const p = devicePlanInput.parse(raw)
    const b = await this.current()
    const old = (await this.store.plans([d.id]))[0]
    const known = new Set((old?.dependsOn ?? []).map((x) => keyOf(x.target.kind, x.target.id)))
    const dependsOn = p.dependsOn.map((x, i) =>
      this.checkTarget(b.graph, x, `dependsOn[${i}]`, { kind: 'device', id: d.id }, known),
    )
    await this.store.putPlan(d.id, { ...p, dependsOn }, actor, this.now())
    return this.devicePlan(d.id)
  }

  // ---- impact ---------------------------------------------------------------------------------------------------

  /**
   * NODE: "segment:NAME", "party:ID", "service:ID", "device:ID", or a bare value tried as device id, asset tag,
   * service id, segment name (then party id, service name) in that order.
   */
  resolve(g: ContinuityGraph, node: string): NodeRef {
    const raw = node.trim()
    const tried: string[] = []
    const m = /^(segment|party|service|device):(.+)$/.exec(raw)
    if (m) {
      const kind = m[1] as NodeRef['kind']
      const id = (m[2] as string).trim()
      const ref: NodeRef = { kind, id }
      if (g.has(ref)) return ref
      tried.push(`${kind} "${id}"`)
      if (kind === 'device' && g.deviceByTag.has(id)) return { kind, id: g.deviceByTag.get(id) as string }
      if (kind === 'device') tried.push(`asset tag "${id}"`)
      if (kind === 'service') {
        const byName = [...g.services.values()].find((s) => s.name === id || s.nameEn === id)
        if (byName) return { kind, id: byName.id }
        tried.push(`service name "${id}"`)
      }
      throw MamoriError.of('BCP_NODE_UNKNOWN', { node: raw, tried: tried.join(', ') })
    }
    if (g.devices.has(raw)) return { kind: 'device', id: raw }
    tried.push('device id')
    const tag = g.deviceByTag.get(raw)
    if (tag) return { kind: 'device', id: tag }
    tried.push('asset tag')
    if (g.services.has(raw)) return { kind: 'service', id: raw }
    tried.push('service id')
    if (g.has({ kind: 'segment', id: raw })) return { kind: 'segment', id: raw }
    tried.push('segment name')
    if (g.parties.has(raw)) return { kind: 'party', id: raw }
    tried.push('party id')
    const byName =
      [...g.services.values()].find((s) => s.name === raw || s.nameEn === raw) ??
      [...g.parties.values()].find((p) => p.name === raw)
    if (byName) return { kind: 'criticality' in byName ? 'service' : 'party', id: byName.id }
    tried.push('service or party name')
    throw MamoriError.of('BCP_NODE_UNKNOWN', { node: raw, tried: tried.join(', ') })
  }

  async impact(node: string): Promise<ImpactResult> {
    const b = await this.current()
    const ref = this.resolve(b.graph, node)
    const result = b.graph.impact(ref)
    const ids = new Set(result.services.map((s) => s.id))
    const touched = new Set(result.graph.nodes.map((n) => keyOf(n.kind, n.id)))
    const warnings = [
      ...b.planWarnings.filter(
        (w) => w.code === 'dependency_cycle' && w.nodes.some((n) => touched.has(keyOf(n.kind, n.id))),
      ),
      ...b.items.filter((s) => ids.has(s.id)).flatMap((s) => s.warnings),
    ]
    return { ...result, warnings }
  }

  async graph(serviceId?: string): Promise<BcpGraph> {
    const b = await this.current()
    if (serviceId !== undefined && !b.graph.services.has(serviceId))
      throw notFound('Clinical service', serviceId, '診療サービス')
    return b.graph.around(serviceId ? [serviceId] : [...b.graph.services.keys()])
  }

  // ---- ContinuityReader -----------------------------------------------------------------------------------------

  async plannedDeviceIds(): Promise<string[]> {
    return (await this.current()).graph.plannedDeviceIds()
  }

  async servicesDependingOn(deviceId: string): Promise<{ id: string; name: string }[]> {
    return (await this.current()).graph.servicesDependingOn({ kind: 'device', id: deviceId })
  }

  /** The demo's reset. */
  clear = (actor: Actor) => this.store.clear(actor, this.now())
}
