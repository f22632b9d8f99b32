import { describe, expect, it } from 'vitest'
import { admitTargets } from './admission.js'
import { ScopeGuard } from './scope.js'

const guard = new ScopeGuard(['10.0.0.0/29'], [{ target: '10.0.0.5', reason: 'never scan: infusion pump' }])
const rules = { refusal: (a: string) => guard.refusal(a), profileId: 'gentle', skipFragile: true }

describe('admitTargets', () => {
  const cases: {
    name: string
    targets: string[]
    fragile?: string[]
    skipFragile?: boolean
    queue: string[]
    skipped: string[]
  }[] = [
    {
      name: 'keeps permitted addresses in order',
      targets: ['10.0.0.2', '10.0.0.1'],
      queue: ['10.0.0.2', '10.0.0.1'],
      skipped: [],
    },
    {
      name: 'drops duplicates after canonicalising',
      targets: ['10.0.0.1', '10.0.0.1'],
      queue: ['10.0.0.1'],
      skipped: [],
    },
    { name: 'skips non-addresses', targets: ['printer'], queue: [], skipped: ['printer'] },
    { name: 'skips addresses outside scope', targets: ['192.0.2.1'], queue: [], skipped: ['192.0.2.1'] },
    { name: 'skips exclusions', targets: ['10.0.0.5'], queue: [], skipped: ['10.0.0.5'] },
    {
      name: 'skips fragile hosts when the profile says so',
      targets: ['10.0.0.3'],
      fragile: ['10.0.0.3'],
      queue: [],
      skipped: ['10.0.0.3'],
    },
    {
      name: 'scans fragile hosts otherwise',
      targets: ['10.0.0.3'],
      fragile: ['10.0.0.3'],
      skipFragile: false,
      queue: ['10.0.0.3'],
      skipped: [],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const r = admitTargets(c.targets, { ...rules, fragileAddresses: c.fragile, skipFragile: c.skipFragile ?? true })
      expect(r.queue).toEqual(c.queue)
      expect(r.skipped.map((s) => s.address)).toEqual(c.skipped)
    })
  }

  it('says why, in plain words', () => {
    const r = admitTargets(['10.0.0.5', '10.0.0.3', 'x'], { ...rules, fragileAddresses: ['10.0.0.3'] })
    expect(r.skipped).toEqual([
      { address: '10.0.0.5', reason: expect.stringContaining('infusion pump') },
      { address: '10.0.0.3', reason: 'marked fragile in the ledger: the gentle profile does not scan it' },
      { address: 'x', reason: 'not an IP address' },
    ])
  })
})
