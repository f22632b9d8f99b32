import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { deviceKeys, invalidateVulns, notificationKeys, vulnKeys } from '../../web/src/data/keys.js'

/** A cache holding one entry under each of the given keys, all fresh. */
function cacheWith(keys: readonly (readonly unknown[])[]): QueryClient {
  const qc = new QueryClient()
  for (const k of keys) qc.setQueryData(k, 'x')
  return qc
}

const stale = (qc: QueryClient, key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated ?? false

describe('vulnerability query keys', () => {
  it("nest an advisory's affected devices under the advisory and a device's CPE candidates under its matches", () => {
    expect(vulnKeys.affected('A1').slice(0, 3)).toEqual(vulnKeys.advisory('A1'))
    expect(vulnKeys.cpeCandidates('d1').slice(0, 3)).toEqual(vulnKeys.forDevice('d1'))
    expect(vulnKeys.components({ modelId: 'm1' })).not.toEqual(vulnKeys.components({ deviceId: 'm1' }))
  })

  it('after an import or a review: every advisory, match, component and feed query and the notification list go stale; the ledger and the channel settings do not', async () => {
    const qc = cacheWith([
      vulnKeys.advisories({ kev: true }),
      vulnKeys.morning(),
      vulnKeys.affected('A1'),
      vulnKeys.forDevice('d1'),
      vulnKeys.components({ modelId: 'm1' }),
      vulnKeys.sboms({ modelId: 'm1' }),
      vulnKeys.feeds(),
      notificationKeys.list(),
      notificationKeys.channels(),
      deviceKeys.detail('d1'),
    ])
    await invalidateVulns(qc)
    for (const key of [
      vulnKeys.advisories({ kev: true }),
      vulnKeys.morning(),
      vulnKeys.affected('A1'),
      vulnKeys.forDevice('d1'),
      vulnKeys.components({ modelId: 'm1' }),
      vulnKeys.sboms({ modelId: 'm1' }),
      vulnKeys.feeds(),
      notificationKeys.list(),
    ]) {
      expect(stale(qc, key), JSON.stringify(key)).toBe(true)
    }
    expect(stale(qc, notificationKeys.channels())).toBe(false)
    expect(stale(qc, deviceKeys.detail('d1'))).toBe(false)
  })
})
