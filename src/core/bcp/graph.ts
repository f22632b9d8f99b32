import type {
  BcpGraph,
  BcpWarning,
  ImpactedService,
  ImpactResult,
  NodeKind,
  NodeRef,
  ServiceCriticality,
} from '../../../api/bcp.js'

/**
 * The continuity graph (issue 11 part 5, ADR 0042): services, devices, network segments and outside parties; an edge
 * "A depends on B" is hard (A stops without B) or soft (A degrades). Pure: the service reads the rows and keeps one
 * built graph in memory until the ledger or the plan changes.
 */

export type Strength = 'hard' | 'soft'

export interface GraphService {
  id: string
  name: string
  nameEn: string
  criticality: ServiceCriticality
  maxDowntimeMinutes: number | null
  fallbackJa: string
  fallbackEn: string
  decider: string | null
  owner: string | null
}

export interface GraphDevice {
  id: string
  assetTag: string | null
  name: string | null
  segment: string | null
  status: string
}

export interface GraphParty {
  id: string
  name: string
}

export interface GraphEdge {
  sourceKind: 'service' | 'device'
  sourceId: string
  target: NodeRef
  strength: Strength
}

export interface GraphInput {
  services: readonly GraphService[]
  devices: readonly GraphDevice[]
  parties: readonly GraphParty[]
  /** Recorded edges: services' dependencies and devices' dependsOn. A device's own segment is added here. */
  edges: readonly GraphEdge[]
}

/** `kind:id`, the key of a node. */
export const keyOf = (kind: NodeKind, id: string) => `${kind}:${id}`
const refOf = (key: string): NodeRef => {
  const i = key.indexOf(':')
  return { kind: key.slice(0, i) as NodeKind, id: key.slice(i + 1) }
}

/** Longest path kept per impacted service (first and last halves). */
export const MAX_PATH = 40

const CRITICALITY_RANK: Record<ServiceCriticality, number> = { life_critical: 0, high: 1, medium: 2, low: 3 }

/** Most urgent first: stops before degrades, then shortest MTD (unknown last), then criticality, then name. */
export function compareImpacted(a: ImpactedService, b: ImpactedService): number {
  if (a.effect !== b.effect) return a.effect === 'stops' ? -1 : 1
  const am = a.maxDowntimeMinutes ?? Number.POSITIVE_INFINITY
  const bm = b.maxDowntimeMinutes ?? Number.POSITIVE_INFINITY
  if (am !== bm) return am < bm ? -1 : 1
  const c = CRITICALITY_RANK[a.criticality] - CRITICALITY_RANK[b.criticality]
  if (c !== 0) return c
  return a.name.localeCompare(b.name, 'ja')
}

/** One impact walk: the visited node numbers in order (the lost node excluded), their state and parent. */
export interface Walk {
  lost: number
  visited: number[]
  state: Uint8Array
  parent: Int32Array
}

interface InEdge {
  from: string
  strength: Strength
}

/** The built graph: node labels, reverse adjacency (who depends on a node) and forward adjacency. */
export class ContinuityGraph {
  readonly services = new Map<string, GraphService>()
  readonly devices = new Map<string, GraphDevice>()
  readonly parties = new Map<string, GraphParty>()
  readonly segments = new Set<string>()
  readonly deviceByTag = new Map<string, string>()
  /** node key → the nodes that depend on it. */
  private readonly reverse = new Map<string, InEdge[]>()
  /** node key → what it depends on. */
  private readonly forward = new Map<string, { to: string; strength: Strength }[]>()
  /** Node numbers for the walk: key → number, number → key, and per number the dependents as (from << 1 | hard). */
  private readonly index = new Map<string, number>()
  private readonly keyAt: string[] = []
  private readonly rev: number[][] = []

  constructor(input: GraphInput) {
    for (const s of input.services) this.services.set(s.id, s)
    for (const p of input.parties) this.parties.set(p.id, p)
    for (const d of input.devices) {
      this.devices.set(d.id, d)
      if (d.assetTag) this.deviceByTag.set(d.assetTag, d.id)
      if (d.segment) {
        this.segments.add(d.segment)
        this.add(keyOf('device', d.id), keyOf('segment', d.segment), 'hard')
      }
    }
    // Every node has a number, even one with no edges (the walk starts from it).
    for (const id of this.services.keys()) this.num(keyOf('service', id))
    for (const id of this.parties.keys()) this.num(keyOf('party', id))
    for (const d of input.devices) this.num(keyOf('device', d.id))
    for (const e of input.edges) {
      // A device that no longer exists depends on nothing.
      if (e.sourceKind === 'device' && !this.devices.has(e.sourceId)) continue
      if (e.sourceKind === 'service' && !this.services.has(e.sourceId)) continue
      this.add(keyOf(e.sourceKind, e.sourceId), keyOf(e.target.kind, e.target.id), e.strength)
    }
  }

  private num(key: string): number {
    let i = this.index.get(key)
    if (i === undefined) {
      i = this.keyAt.length
      this.index.set(key, i)
      this.keyAt.push(key)
    }
    return i
  }

  private add(from: string, to: string, strength: Strength) {
    const ti = this.num(to)
    let ri = this.rev[ti]
    if (!ri) {
      ri = []
      this.rev[ti] = ri
    }
    ri.push(this.num(from) * 2 + (strength === 'hard' ? 1 : 0))
    let r = this.reverse.get(to)
    if (!r) {
      r = []
      this.reverse.set(to, r)
    }
    r.push({ from, strength })
    let f = this.forward.get(from)
    if (!f) {
      f = []
      this.forward.set(from, f)
    }
    f.push({ to, strength })
  }

  has(ref: NodeRef): boolean {
    switch (ref.kind) {
      case 'service':
        return this.services.has(ref.id)
      case 'device':
        return this.devices.has(ref.id)
      case 'party':
        return this.parties.has(ref.id)
      case 'segment':
        return this.segments.has(ref.id) // a segment exists while a ledger device names it
    }
  }

  label(ref: NodeRef): string {
    switch (ref.kind) {
      case 'service':
        return this.services.get(ref.id)?.name ?? ref.id
      case 'device': {
        const d = this.devices.get(ref.id)
        if (!d) return ref.id
        return [d.name, d.assetTag].filter(Boolean).join(' ') || ref.id
      }
      case 'party':
        return this.parties.get(ref.id)?.name ?? ref.id
      case 'segment':
        return ref.id
    }
  }

  dependentsOf(key: string): readonly InEdge[] {
    return this.reverse.get(key) ?? []
  }

  dependenciesOf(key: string): readonly { to: string; strength: Strength }[] {
    return this.forward.get(key) ?? []
  }

  /**
   * What stops and what degrades when `lost` stops. Hard edges carry "stops"; a soft edge turns it into "degrades"
   * and a degrade stays a degrade. Breadth-first, so each node keeps its strongest then shortest path; every node is
   * visited once, so cycles end. Works on integer node numbers and typed arrays (no per-node allocation).
   */
  walk(lost: string): Walk {
    const n = this.keyAt.length
    const state = new Uint8Array(n) // 0 not reached, 1 stops, 2 degrades, 3 the lost node
    const parent = new Int32Array(n).fill(-1)
    const visited: number[] = []
    const start = this.index.get(lost)
    if (start === undefined) return { lost: -1, visited, state, parent }
    state[start] = 3
    // Phase 1: hard edges only, from the lost node.
    const stopped: number[] = [start]
    for (let i = 0; i < stopped.length; i++) {
      const k = stopped[i] as number
      const rev = this.rev[k]
      if (!rev) continue
      for (let j = 0; j < rev.length; j++) {
        const e = rev[j] as number
        if ((e & 1) === 0) continue
        const from = e >>> 1
        if (state[from] !== 0) continue
        state[from] = 1
        parent[from] = k
        stopped.push(from)
        visited.push(from)
      }
    }
    // Phase 2: everything else reachable from a stopped node degrades.
    const queue = stopped
    for (let i = 0; i < queue.length; i++) {
      const k = queue[i] as number
      const rev = this.rev[k]
      if (!rev) continue
      for (let j = 0; j < rev.length; j++) {
        const from = (rev[j] as number) >>> 1
        if (state[from] !== 0) continue
        state[from] = 2
        parent[from] = k
        queue.push(from)
        visited.push(from)
      }
    }
    return { lost: start, visited, state, parent }
  }

  pathTo(node: number, w: Walk): (NodeRef & { label: string })[] {
    const keys: string[] = []
    for (let k = node; k !== -1; k = w.parent[k] as number) keys.push(this.keyAt[k] as string)
    keys.reverse()
    // A pathological chain (thousands of services in a row) keeps its two ends: the list stays linear in size.
    const kept = keys.length > MAX_PATH ? [...keys.slice(0, MAX_PATH / 2), ...keys.slice(-MAX_PATH / 2)] : keys
    return kept.map((x) => {
      const r = refOf(x)
      return { ...r, label: this.label(r) }
    })
  }

  /** The impact of losing `lost` (which must exist: the caller resolves it). */
  impact(lost: NodeRef, opts: { cap?: number; warnings?: BcpWarning[] } = {}): ImpactResult {
    const lostKey = keyOf(lost.kind, lost.id)
    const w = this.walk(lostKey)
    const services: ImpactedService[] = []
    let devicesAffected = 0
    for (const i of w.visited) {
      const k = this.keyAt[i] as string
      const st = w.state[i] === 1 ? 'stops' : 'degrades'
      if (k.startsWith('device:')) {
        if (st === 'stops') devicesAffected++
        continue
      }
      if (!k.startsWith('service:')) continue
      const s = this.services.get(k.slice('service:'.length))
      if (!s) continue
      services.push({
        id: s.id,
        name: s.name,
        nameEn: s.nameEn,
        criticality: s.criticality,
        effect: st,
        maxDowntimeMinutes: s.maxDowntimeMinutes,
        fallbackJa: s.fallbackJa,
        fallbackEn: s.fallbackEn,
        decider: s.decider,
        owner: s.owner,
        path: this.pathTo(i, w),
      })
    }
    services.sort(compareImpacted)
    const stopMinutes = services
      .filter((s) => s.effect === 'stops' && s.maxDowntimeMinutes !== null)
      .map((s) => s.maxDowntimeMinutes as number)
    // The picture: the lost node, the services, the nodes on their paths first, then the rest in walk order.
    // Only the first `cap` nodes are drawn; every visited node counts towards `truncated`.
    const cap = opts.cap ?? 150
    const order: number[] = [w.lost]
    const inOrder = new Set(order)
    const push = (i: number) => {
      if (order.length < cap && !inOrder.has(i)) {
        inOrder.add(i)
        order.push(i)
      }
    }
    for (const s of services) for (const p of s.path) push(this.index.get(keyOf(p.kind, p.id)) as number)
    for (const i of w.visited) if (order.length < cap && !(this.keyAt[i] as string).startsWith('device:')) push(i)
    for (const i of w.visited) if (order.length < cap) push(i)
    const STATES = [null, 'stops', 'degrades', 'lost'] as const
    const kept = order.map((i) => this.keyAt[i] as string)
    const graph = this.picture(kept, (k) => STATES[w.state[this.index.get(k) as number] as number] ?? null, cap)
    graph.truncated = w.visited.length + 1 - graph.nodes.length
    return {
      node: { ...lost, label: this.label(lost) },
      services,
      devicesAffected,
      tightestMinutes: stopMinutes.length ? Math.min(...stopMinutes) : null,
      warnings: opts.warnings ?? [],
      graph,
    }
  }

  /** Nodes in `order` up to `cap`, with the edges among them. */
  picture(
    order: readonly string[],
    stateOf: (k: string) => 'lost' | 'stops' | 'degrades' | null,
    cap: number,
  ): BcpGraph {
    const kept = order.slice(0, cap)
    const keep = new Set(kept)
    const edges: BcpGraph['edges'] = []
    for (const k of kept)
      for (const e of this.dependenciesOf(k))
        if (keep.has(e.to)) edges.push({ from: refOf(k), to: refOf(e.to), strength: e.strength })
    return {
      nodes: kept.map((k) => {
        const r = refOf(k)
        return { ...r, label: this.label(r), state: stateOf(k) }
      }),
      edges,
      truncated: order.length - kept.length,
    }
  }

  /** What the service(s) depend on, transitively (forward), for the plan picture; every service when none given. */
  around(serviceIds: readonly string[], cap = 150): BcpGraph {
    const order: string[] = serviceIds.map((id) => keyOf('service', id))
    const seen = new Set(order)
    for (let i = 0; i < order.length; i++)
      for (const e of this.dependenciesOf(order[i] as string))
        if (!seen.has(e.to)) {
          seen.add(e.to)
          order.push(e.to)
        }
    return this.picture(order, () => null, cap)
  }

  /** Services that depend on the node, directly or through others (for decommissioning). */
  servicesDependingOn(ref: NodeRef): { id: string; name: string }[] {
    const w = this.walk(keyOf(ref.kind, ref.id))
    const out: { id: string; name: string }[] = []
    for (const i of w.visited) {
      const k = this.keyAt[i] as string
      const s = k.startsWith('service:') ? this.services.get(k.slice('service:'.length)) : undefined
      if (s) out.push({ id: s.id, name: s.name })
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, 'ja'))
  }

  /** Devices some service depends on, directly or through another device or segment. */
  plannedDeviceIds(): string[] {
    const seen = new Set<string>()
    const queue: string[] = [...this.services.keys()].map((id) => keyOf('service', id))
    for (const q of queue) seen.add(q)
    for (let i = 0; i < queue.length; i++)
      for (const e of this.dependenciesOf(queue[i] as string))
        if (!seen.has(e.to)) {
          seen.add(e.to)
          queue.push(e.to)
        }
    // A segment a service depends on brings its devices.
    for (const k of [...seen])
      if (k.startsWith('segment:'))
        for (const d of this.dependentsOf(k)) if (d.from.startsWith('device:')) seen.add(d.from)
    return [...seen].filter((k) => k.startsWith('device:')).map((k) => k.slice('device:'.length))
  }

  /**
   * Dependency cycles among services (service → service) and among devices (device → device): strongly connected
   * components of two or more nodes, or a node depending on itself. Iterative Tarjan (no stack overflow).
   */
  cycles(): NodeRef[][] {
    const keys = [
      ...[...this.services.keys()].map((id) => keyOf('service', id)),
      // Only devices that depend on another device (most depend on their segment alone).
      ...[...this.devices.keys()]
        .map((id) => keyOf('device', id))
        .filter((k) => this.dependenciesOf(k).some((e) => e.to.startsWith('device:'))),
    ]
    const kindOf = (k: string) => k.slice(0, k.indexOf(':'))
    const next = (k: string) =>
      this.dependenciesOf(k)
        .filter((e) => kindOf(e.to) === kindOf(k))
        .map((e) => e.to)
    const index = new Map<string, number>()
    const low = new Map<string, number>()
    const onStack = new Set<string>()
    const stack: string[] = []
    const out: NodeRef[][] = []
    let counter = 0
    for (const root of keys) {
      if (index.has(root)) continue
      const work: { k: string; it: number; succ: string[] }[] = [{ k: root, it: 0, succ: next(root) }]
      index.set(root, counter)
      low.set(root, counter++)
      stack.push(root)
      onStack.add(root)
      while (work.length) {
        const top = work[work.length - 1] as { k: string; it: number; succ: string[] }
        if (top.it < top.succ.length) {
          const w = top.succ[top.it++] as string
          if (!index.has(w)) {
            index.set(w, counter)
            low.set(w, counter++)
            stack.push(w)
            onStack.add(w)
            work.push({ k: w, it: 0, succ: next(w) })
          } else if (onStack.has(w)) low.set(top.k, Math.min(low.get(top.k) as number, index.get(w) as number))
          continue
        }
        work.pop()
        const parent = work[work.length - 1]
        if (parent) low.set(parent.k, Math.min(low.get(parent.k) as number, low.get(top.k) as number))
        if (low.get(top.k) === index.get(top.k)) {
          const comp: string[] = []
          let w: string
          do {
            w = stack.pop() as string
            onStack.delete(w)
            comp.push(w)
          } while (w !== top.k)
          const selfLoop = comp.length === 1 && next(top.k).includes(top.k)
          if (comp.length > 1 || selfLoop) out.push(comp.reverse().map(refOf))
        }
      }
    }
    return out
  }
}
