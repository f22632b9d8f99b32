/**
 * The continuity graph, pure (ADR 0042): hard edges carry "stops", a soft edge turns it into "degrades" and a degrade
 * stays one; each service keeps its strongest, then shortest path; the list is most urgent first; cycles end and are
 * found; the picture is capped with the rest counted.
 */
import { describe, expect, it } from 'vitest'
import type { NodeRef } from '../../api/bcp.js'
import { ContinuityGraph, type GraphEdge, type GraphService, MAX_PATH } from '../../src/core/bcp/graph.js'

const svc = (id: string, over: Partial<GraphService> = {}): GraphService => ({
  id,
  name: id,
  nameEn: id,
  criticality: 'high',
  maxDowntimeMinutes: null,
  fallbackJa: '',
  fallbackEn: '',
  decider: null,
  owner: null,
  ...over,
})
const dev = (id: string, segment: string | null = null, status = 'in_use') => ({
  id,
  assetTag: `TAG-${id}`,
  name: `dev ${id}`,
  segment,
  status,
})
const edge = (
  sourceKind: 'service' | 'device',
  sourceId: string,
  kind: NodeRef['kind'],
  id: string,
  strength: 'hard' | 'soft' = 'hard',
): GraphEdge => ({ sourceKind, sourceId, target: { kind, id }, strength })

describe('impact walk', () => {
  const g = new ContinuityGraph({
    services: [
      svc('icu', { maxDowntimeMinutes: 0, criticality: 'life_critical' }),
      svc('imaging', { maxDowntimeMinutes: 120 }),
      svc('ehr', { maxDowntimeMinutes: 240 }),
      svc('lab', { maxDowntimeMinutes: null }),
    ],
    devices: [dev('cm', 'ICU-NET'), dev('bsm', 'ICU-NET'), dev('pacs', 'SRV'), dev('ct', 'RAD')],
    parties: [{ id: 'vendor', name: 'PACS vendor link' }],
    edges: [
      edge('service', 'icu', 'device', 'cm'),
      edge('device', 'bsm', 'device', 'cm', 'soft'),
      edge('service', 'imaging', 'device', 'ct'),
      edge('device', 'ct', 'device', 'pacs'),
      edge('device', 'pacs', 'party', 'vendor', 'soft'),
      edge('service', 'ehr', 'service', 'imaging', 'soft'),
      edge('service', 'lab', 'service', 'ehr'),
    ],
  })

  it('carries "stops" over hard edges and turns it into "degrades" after a soft edge, which stays a degrade', () => {
    const r = g.impact({ kind: 'device', id: 'pacs' })
    expect(r.services.map((s) => [s.id, s.effect])).toEqual([
      ['imaging', 'stops'],
      ['ehr', 'degrades'],
      ['lab', 'degrades'], // hard edge from a degraded service: still a degrade
    ])
    expect(r.devicesAffected).toBe(1) // the CT
    expect(r.tightestMinutes).toBe(120)
    expect(r.services[0]?.path.map((p) => p.id)).toEqual(['pacs', 'ct', 'imaging'])
    expect(r.node.label).toBe('dev pacs TAG-pacs')
  })

  it('a device loses its own segment (implicit hard edge), and the vendor link only degrades', () => {
    const seg = g.impact({ kind: 'segment', id: 'ICU-NET' })
    expect(seg.services.map((s) => [s.id, s.effect])).toEqual([['icu', 'stops']])
    expect(seg.services[0]?.path.map((p) => `${p.kind}:${p.id}`)).toEqual([
      'segment:ICU-NET',
      'device:cm',
      'service:icu',
    ])
    expect(seg.devicesAffected).toBe(2)
    expect(seg.tightestMinutes).toBe(0)
    const party = g.impact({ kind: 'party', id: 'vendor' })
    expect(party.services.map((s) => s.effect)).toEqual(['degrades', 'degrades', 'degrades'])
    expect(party.tightestMinutes).toBeNull()
  })

  it('keeps the strongest path even when a soft one is shorter', () => {
    const g2 = new ContinuityGraph({
      services: [svc('s')],
      devices: [dev('a'), dev('b')],
      parties: [],
      edges: [
        edge('service', 's', 'device', 'a', 'soft'),
        edge('service', 's', 'device', 'b'),
        edge('device', 'b', 'device', 'a'),
      ],
    })
    const r = g2.impact({ kind: 'device', id: 'a' })
    expect(r.services[0]).toMatchObject({ effect: 'stops' })
    expect(r.services[0]?.path.map((p) => p.id)).toEqual(['a', 'b', 's'])
  })

  it('sorts stops before degrades, then shortest MTD with unknown last, then criticality', () => {
    const g3 = new ContinuityGraph({
      services: [
        svc('unknown', { maxDowntimeMinutes: null, criticality: 'life_critical' }),
        svc('long', { maxDowntimeMinutes: 300 }),
        svc('short-low', { maxDowntimeMinutes: 30, criticality: 'low' }),
        svc('short-life', { maxDowntimeMinutes: 30, criticality: 'life_critical' }),
        svc('soft', { maxDowntimeMinutes: 0 }),
      ],
      devices: [dev('x')],
      parties: [],
      edges: [
        ...['unknown', 'long', 'short-low', 'short-life'].map((s) => edge('service', s, 'device', 'x')),
        edge('service', 'soft', 'device', 'x', 'soft'),
      ],
    })
    expect(g3.impact({ kind: 'device', id: 'x' }).services.map((s) => s.id)).toEqual([
      'short-life',
      'short-low',
      'long',
      'unknown',
      'soft',
    ])
  })
})

describe('cycles', () => {
  it('terminates on service and device cycles and names their nodes', () => {
    const g = new ContinuityGraph({
      services: [svc('a'), svc('b'), svc('c'), svc('solo')],
      devices: [dev('d1'), dev('d2')],
      parties: [],
      edges: [
        edge('service', 'a', 'service', 'b'),
        edge('service', 'b', 'service', 'c'),
        edge('service', 'c', 'service', 'a'),
        edge('service', 'solo', 'device', 'd1'),
        edge('device', 'd1', 'device', 'd2'),
        edge('device', 'd2', 'device', 'd1', 'soft'),
      ],
    })
    const cycles = g.cycles().map((c) => c.map((n) => `${n.kind}:${n.id}`).sort())
    expect(cycles).toContainEqual(['service:a', 'service:b', 'service:c'])
    expect(cycles).toContainEqual(['device:d1', 'device:d2'])
    expect(cycles).toHaveLength(2)
    const r = g.impact({ kind: 'service', id: 'a' })
    expect(r.services.map((s) => s.id).sort()).toEqual(['b', 'c'])
    expect(g.impact({ kind: 'device', id: 'd2' }).services.map((s) => [s.id, s.effect])).toEqual([['solo', 'stops']])
  })

  it('finds a long chain without overflowing the stack', () => {
    const n = 3_000
    const services = Array.from({ length: n }, (_, i) => svc(`s${i}`))
    const edges = services.map((_, i) => edge('service', `s${i}`, 'service', `s${(i + 1) % n}`))
    const g = new ContinuityGraph({ services, devices: [], parties: [], edges })
    expect(g.cycles()[0]).toHaveLength(n)
    const r = g.impact({ kind: 'service', id: 's0' })
    expect(r.services).toHaveLength(n - 1)
    // The farthest service's path keeps both ends, capped.
    const far = r.services.find((s) => s.id === 's1')
    expect(far?.path).toHaveLength(MAX_PATH)
    expect(far?.path[0]?.id).toBe('s0')
    expect(far?.path.at(-1)?.id).toBe('s1')
  })
})

describe('picture', () => {
  it('caps the nodes, keeps the lost node and the services, and counts the rest', () => {
    const devices = Array.from({ length: 400 }, (_, i) => dev(`d${i}`, 'WARD'))
    const g = new ContinuityGraph({
      services: [svc('ward')],
      devices,
      parties: [],
      edges: [edge('service', 'ward', 'segment', 'WARD')],
    })
    const r = g.impact({ kind: 'segment', id: 'WARD' }, { cap: 150 })
    expect(r.devicesAffected).toBe(400)
    expect(r.graph.nodes).toHaveLength(150)
    expect(r.graph.truncated).toBe(402 - 150) // 400 devices, the segment and the service
    expect(r.graph.nodes[0]).toMatchObject({ kind: 'segment', id: 'WARD', state: 'lost' })
    expect(r.graph.nodes.some((n) => n.kind === 'service' && n.state === 'stops')).toBe(true)
    expect(r.graph.edges).toContainEqual({
      from: { kind: 'service', id: 'ward' },
      to: { kind: 'segment', id: 'WARD' },
      strength: 'hard',
    })
  })

  it('a node nothing depends on and that depends on nothing is lost alone', () => {
    const g = new ContinuityGraph({ services: [svc('alone')], devices: [dev('x')], parties: [], edges: [] })
    for (const ref of [
      { kind: 'service', id: 'alone' },
      { kind: 'device', id: 'x' },
    ] as NodeRef[]) {
      const r = g.impact(ref)
      expect(r.services).toEqual([])
      expect(r.graph.nodes).toEqual([{ ...ref, label: g.label(ref), state: 'lost' }])
      expect(r.graph.truncated).toBe(0)
    }
  })

  it('lists planned devices: direct, through a device, through a segment', () => {
    const g = new ContinuityGraph({
      services: [svc('s')],
      devices: [dev('a'), dev('b'), dev('c', 'NET'), dev('lonely')],
      parties: [],
      edges: [
        edge('service', 's', 'device', 'a'),
        edge('device', 'a', 'device', 'b'),
        edge('service', 's', 'segment', 'NET'),
      ],
    })
    expect(g.plannedDeviceIds().sort()).toEqual(['a', 'b', 'c'])
    expect(g.servicesDependingOn({ kind: 'device', id: 'b' })).toEqual([{ id: 's', name: 's' }])
    expect(g.servicesDependingOn({ kind: 'device', id: 'lonely' })).toEqual([])
  })
})
