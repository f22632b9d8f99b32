import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import {
  deviceKeys,
  findingKeys,
  invalidateAfterReconcile,
  invalidateFindings,
  invalidateLedger,
  invalidateScan,
  invalidateScopes,
  invalidateUsers,
  jobKeys,
  overviewKeys,
  reconciliationKeys,
  scanKeys,
  scopeKeys,
  userKeys,
} from '../../web/src/data/keys.js'

/** A cache holding one entry under each of the given keys, all fresh. */
function cacheWith(keys: readonly (readonly unknown[])[]): QueryClient {
  const qc = new QueryClient()
  for (const k of keys) qc.setQueryData(k, 'x')
  return qc
}

const stale = (qc: QueryClient, key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated ?? false

describe('query keys', () => {
  it('nest under their resource so invalidating the root reaches lists, details and sub-resources', () => {
    expect(deviceKeys.list({ q: 'pump' })).toEqual(['devices', 'list', { q: 'pump' }])
    expect(deviceKeys.detail('d1')).toEqual(['devices', 'detail', 'd1'])
    expect(deviceKeys.history('d1').slice(0, 3)).toEqual(deviceKeys.detail('d1'))
    expect(deviceKeys.discovery('d1').slice(0, 3)).toEqual(deviceKeys.detail('d1'))
    expect(scanKeys.hosts('s1', 'running').slice(0, 3)).toEqual(scanKeys.detail('s1'))
    expect(scanKeys.drift('s1').slice(0, 3)).toEqual(scanKeys.detail('s1'))
    expect(findingKeys.forDevice('d1')[0]).toBe('findings')
    expect(jobKeys.detail('j1')).toEqual(['jobs', 'detail', 'j1'])
  })

  it('give every resource its own root, so one resource never invalidates another by accident', () => {
    const roots = [
      deviceKeys.all,
      overviewKeys.all,
      userKeys.all,
      scanKeys.all,
      scopeKeys.all,
      findingKeys.all,
      reconciliationKeys.all,
      jobKeys.all,
    ].map((k) => k[0])
    expect(new Set(roots).size).toBe(roots.length)
  })

  it('put the scan status in the host-list key so the final list is fetched once the scan ends', () => {
    expect(scanKeys.hosts('s1', 'running')).not.toEqual(scanKeys.hosts('s1', 'completed'))
  })
})

describe('invalidation helpers', () => {
  it('after a device is saved: its detail and history, every list, the facets and the overview; not other devices', async () => {
    const qc = cacheWith([
      deviceKeys.detail('d1'),
      deviceKeys.history('d1'),
      deviceKeys.detail('d2'),
      deviceKeys.list({ q: '' }),
      deviceKeys.facets(),
      overviewKeys.dashboard(),
      reconciliationKeys.all,
      scanKeys.list(),
    ])
    await invalidateLedger(qc, 'd1')
    expect(stale(qc, deviceKeys.detail('d1'))).toBe(true)
    expect(stale(qc, deviceKeys.history('d1'))).toBe(true)
    expect(stale(qc, deviceKeys.list({ q: '' }))).toBe(true)
    expect(stale(qc, deviceKeys.facets())).toBe(true)
    expect(stale(qc, overviewKeys.dashboard())).toBe(true)
    expect(stale(qc, reconciliationKeys.all)).toBe(true)
    expect(stale(qc, deviceKeys.detail('d2'))).toBe(false)
    expect(stale(qc, scanKeys.list())).toBe(false)
  })

  it('after an import (no one device): every device', async () => {
    const qc = cacheWith([deviceKeys.detail('d2'), deviceKeys.list({})])
    await invalidateLedger(qc)
    expect(stale(qc, deviceKeys.detail('d2'))).toBe(true)
    expect(stale(qc, deviceKeys.list({}))).toBe(true)
  })

  it('after a scan stops: that scan, the scan list, findings, the overview and jobs; not another scan', async () => {
    const qc = cacheWith([
      scanKeys.detail('s1'),
      scanKeys.hosts('s1', 'running'),
      scanKeys.detail('s2'),
      scanKeys.list(),
      findingKeys.list({}),
      overviewKeys.firstSteps(),
      jobKeys.detail('j1'),
      deviceKeys.list({}),
    ])
    await invalidateScan(qc, 's1')
    for (const k of [scanKeys.detail('s1'), scanKeys.hosts('s1', 'running'), scanKeys.list(), findingKeys.list({})]) {
      expect(stale(qc, k)).toBe(true)
    }
    expect(stale(qc, overviewKeys.firstSteps())).toBe(true)
    expect(stale(qc, jobKeys.detail('j1'))).toBe(true)
    expect(stale(qc, scanKeys.detail('s2'))).toBe(false)
    expect(stale(qc, deviceKeys.list({}))).toBe(false)
  })

  it('after a host is added to the ledger: devices, overview and scans; the reconciliation page keeps its rows', async () => {
    const qc = cacheWith([deviceKeys.list({}), overviewKeys.dashboard(), reconciliationKeys.all, scanKeys.hosts('s1')])
    await invalidateAfterReconcile(qc)
    for (const k of [deviceKeys.list({}), overviewKeys.dashboard(), scanKeys.hosts('s1')]) {
      expect(stale(qc, k)).toBe(true)
    }
    expect(stale(qc, reconciliationKeys.all)).toBe(false)
  })

  it('findings, scopes and users each refresh what shows them', async () => {
    const qc = cacheWith([
      findingKeys.forDevice('d1'),
      overviewKeys.dashboard(),
      scopeKeys.exclusions(),
      overviewKeys.firstSteps(),
      userKeys.list(),
      ['audit', 'list', {}],
    ])
    await invalidateFindings(qc)
    expect(stale(qc, findingKeys.forDevice('d1'))).toBe(true)
    await invalidateScopes(qc)
    expect(stale(qc, scopeKeys.exclusions())).toBe(true)
    expect(stale(qc, overviewKeys.firstSteps())).toBe(true)
    await invalidateUsers(qc)
    expect(stale(qc, userKeys.list())).toBe(true)
    expect(stale(qc, ['audit', 'list', {}])).toBe(true)
  })
})
