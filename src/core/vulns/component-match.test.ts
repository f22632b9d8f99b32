import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { candidatePairs, matchComponents } from './component-match.js'
import { type Configuration, type CpeMatch, configurationApplies, parseCpe } from './cpe.js'
import type { CveForMatch, DeviceForVulnMatch } from './model.js'

const cpe = (part: string, vendor: string, product: string, version = '*') =>
  `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`
const comp = (id: string, cpeText: string, name = id, version: string | null = null) => ({
  id,
  kind: 'library' as const,
  name,
  supplier: null,
  version,
  cpe: cpeText,
  purl: null,
})
const device = (id: string, components: DeviceForVulnMatch['components'], modelId: string | null = 'model-1') => ({
  id,
  manufacturer: 'Example',
  model: 'EX-1',
  softwareVersion: null,
  catalogModel: modelId ? { id: modelId, vendor: 'Example', name: 'EX-1' } : null,
  components,
})
const or = (...cpeMatch: CpeMatch[]) => ({ operator: 'OR' as const, cpeMatch })
const v = (criteria: string, bounds: Partial<CpeMatch> = {}): CpeMatch => ({ vulnerable: true, criteria, ...bounds })
const platform = (criteria: string): CpeMatch => ({ vulnerable: false, criteria })

/** A lookup over a small CVE list, keyed as the store keys candidates (every vendor:product a criteria names). */
function lookupOf(cves: CveForMatch[]) {
  const index = new Map<string, CveForMatch[]>()
  const walk = (cve: CveForMatch, nodes: Configuration['nodes']) => {
    for (const n of nodes) {
      for (const m of n.cpeMatch ?? []) {
        const p = parseCpe(m.criteria)!
        const key = `${p.vendor}:${p.product}`
        const list = index.get(key) ?? []
        if (!list.includes(cve)) list.push(cve)
        index.set(key, list)
      }
      walk(cve, n.nodes ?? [])
    }
  }
  for (const c of cves) for (const cfg of c.configurations) walk(c, cfg.nodes)
  return (vendor: string, product: string) => index.get(`${vendor}:${product}`) ?? []
}

const FW_ON_HW: CveForMatch = {
  id: 'CVE-2024-0001',
  configurations: [
    {
      operator: 'AND',
      nodes: [
        or(v(cpe('o', 'acme', 'pump_firmware'), { versionEndExcluding: '2.4.7' })),
        or(platform(cpe('h', 'acme', 'pump', '-'))),
      ],
    },
  ],
}
const RANGE: CveForMatch = {
  id: 'CVE-2024-0002',
  configurations: [
    { nodes: [or(v(cpe('a', 'openssl', 'openssl'), { versionStartIncluding: '3.0', versionEndExcluding: '3.0.8' }))] },
  ],
}
const ALL_VERSIONS: CveForMatch = {
  id: 'CVE-2024-0003',
  configurations: [{ nodes: [or(v(cpe('a', 'zlib', 'zlib')))] }],
}
const NEGATE: CveForMatch = {
  id: 'CVE-2024-0004',
  configurations: [
    {
      operator: 'AND',
      nodes: [
        or(v(cpe('a', 'vendor', 'viewer'))),
        { operator: 'OR', negate: true, cpeMatch: [platform(cpe('o', 'vendor', 'hardened_os'))] },
      ],
    },
  ],
}
const lookup = lookupOf([FW_ON_HW, RANGE, ALL_VERSIONS, NEGATE])

describe('matchComponents', () => {
  const fw = (ver: string) => comp(`fw-${ver}`, cpe('o', 'acme', 'pump_firmware', ver), 'pump firmware', ver)
  const hw = comp('hw', cpe('h', 'acme', 'pump', '-'), 'pump')

  it.each([
    ['firmware and hardware, version below the bound', [fw('2.4.1'), hw], 'affected'],
    ['firmware without its hardware (AND not met)', [fw('2.4.1')], null],
    ['hardware alone (a platform is not a vulnerability)', [hw], null],
    ['firmware at the fixed version', [fw('2.4.7'), hw], null],
    ['firmware version unreadable', [fw('unknown'), hw], 'needs-review'],
    ['firmware version NA (-) never meets a bound', [comp('fw', cpe('o', 'acme', 'pump_firmware', '-')), hw], null],
    ['firmware version ANY (*) never meets a bound', [comp('fw', cpe('o', 'acme', 'pump_firmware', '*')), hw], null],
  ] as const)('%s → %s', (_, components, decision) => {
    const out = matchComponents([device('d1', [...components])], lookup).filter((m) => m.cve === FW_ON_HW.id)
    expect(out[0]?.decision ?? null).toBe(decision)
  })

  it('explains the criteria, the bound and the platform in Japanese and English', () => {
    const [m] = matchComponents([device('d1', [fw('2.4.1'), hw])], lookup)
    expect(m?.via).toBe('cpe')
    expect(m?.componentId).toBe('fw-2.4.1')
    expect(m?.reasons.map((r) => r.en)).toContain('version 2.4.1 is below 2.4.7 (versionEndExcluding)')
    expect(m?.reasons.map((r) => r.ja)).toContain('バージョン 2.4.1 は 2.4.7 未満です(versionEndExcluding)')
    expect(m?.reasons.some((r) => r.en.includes('the platform cpe:2.3:h:acme:pump:-'))).toBe(true)
  })

  it.each([
    ['3.0.7', 'affected'],
    ['3.0.8', null],
    ['2.9', null],
  ])('openssl %s → %s (start and end bounds)', (ver, decision) => {
    const out = matchComponents([device('d', [comp('o', cpe('a', 'openssl', 'openssl', ver), 'openssl', ver)])], lookup)
    expect(out[0]?.decision ?? null).toBe(decision)
  })

  it('a component without a version meets "every version" criteria only for review; with one, it is affected', () => {
    const none = matchComponents([device('d', [comp('z', cpe('a', 'zlib', 'zlib'))])], lookup)
    expect(none.map((m) => m.decision)).toEqual(['needs-review'])
    const some = matchComponents([device('d', [comp('z', cpe('a', 'zlib', 'zlib', '1.2.11'))])], lookup)
    expect(some.map((m) => m.decision)).toEqual(['affected'])
    expect(some[0]!.confidence).toBeGreaterThan(none[0]!.confidence)
  })

  it('negate: the viewer is affected unless the hardened OS is present', () => {
    const viewer = comp('v', cpe('a', 'vendor', 'viewer', '1.0'))
    const os = comp('os', cpe('o', 'vendor', 'hardened_os', '2'))
    expect(matchComponents([device('d', [viewer])], lookup).map((m) => m.cve)).toEqual([NEGATE.id])
    expect(matchComponents([device('d', [viewer, os])], lookup)).toEqual([])
  })

  it('gives stable ids across runs and a review key without the device', () => {
    const fleet = [device('dev-a', [fw('2.4.1'), hw]), device('dev-b', [fw('2.4.1'), hw])]
    const first = matchComponents(fleet, lookup)
    const second = matchComponents(
      fleet.map((d) => ({ ...d, components: [...d.components] })),
      lookup,
    )
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id))
    expect(new Set(first.map((m) => m.id)).size).toBe(2)
    for (const m of first) {
      expect(m.reviewKey).not.toContain(m.deviceId)
      expect(m.modelId).toBe('model-1')
    }
    expect(first[0]!.reviewKey).toBe(first[1]!.reviewKey)
  })

  it('lists the distinct vendor:product pairs to load', () => {
    expect(candidatePairs([device('a', [fw('1'), hw, fw('2')]), device('b', [comp('x', 'not a cpe')])])).toEqual([
      { vendor: 'acme', product: 'pump_firmware' },
      { vendor: 'acme', product: 'pump' },
    ])
  })

  it('agrees with configurationApplies whenever the versions are readable (property)', () => {
    const ver = fc.constantFrom('1.0', '1.5', '2.0', '2.4.1', '3.0')
    const m = fc.record({
      vulnerable: fc.boolean(),
      product: fc.constantFrom('a', 'b', 'c'),
      end: fc.option(ver, { nil: undefined }),
    })
    const node = fc.record({
      operator: fc.constantFrom('AND', 'OR'),
      negate: fc.boolean(),
      ms: fc.array(m, { minLength: 1, maxLength: 3 }),
    })
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('AND', 'OR'),
        fc.array(fc.record({ product: fc.constantFrom('a', 'b', 'c'), v: ver }), { maxLength: 3 }),
        (nodes, operator, comps) => {
          const config: Configuration = {
            operator: operator as 'AND' | 'OR',
            nodes: nodes.map((n) => ({
              operator: n.operator as 'AND' | 'OR',
              negate: n.negate,
              cpeMatch: n.ms.map((x) => ({
                vulnerable: x.vulnerable,
                criteria: cpe('a', 'p', x.product),
                ...(x.end ? { versionEndExcluding: x.end } : {}),
              })),
            })),
          }
          const components = comps.map((c, i) => comp(`c${i}`, cpe('a', 'p', c.product, c.v)))
          const cve = { id: 'CVE-1', configurations: [config] }
          const ours = matchComponents([device('d', components)], lookupOf([cve]))
          const theirs = configurationApplies(
            config,
            components.map((c) => parseCpe(c.cpe)!),
          )
          expect(ours.length > 0).toBe(theirs.applies)
        },
      ),
      { numRuns: 300, seed: 9 },
    )
  })
})
