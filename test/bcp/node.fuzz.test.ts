/**
 * NODE resolution is a parser of what a person types (`mamori bcp impact NODE`, `?node=`): any string either names a
 * node of the graph or fails with BCP_NODE_UNKNOWN naming what was tried; never another error.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ContinuityGraph } from '../../src/core/bcp/graph.js'
import { MamoriError } from '../../src/core/errors.js'
import { BcpService } from '../../src/services/bcp/bcp-service.js'

const g = new ContinuityGraph({
  services: [
    {
      id: 'svc-1',
      name: '画像診断',
      nameEn: 'Imaging',
      criticality: 'high',
      maxDowntimeMinutes: 120,
      fallbackJa: '',
      fallbackEn: '',
      decider: null,
      owner: null,
    },
  ],
  devices: [{ id: 'dev-1', assetTag: 'CT-01', name: 'CT', segment: 'DICOM', status: 'in_use' }],
  parties: [{ id: 'party-1', name: 'PACS 保守' }],
  edges: [{ sourceKind: 'service', sourceId: 'svc-1', target: { kind: 'device', id: 'dev-1' }, strength: 'hard' }],
})
// resolve() does not touch the store.
const svc = new BcpService({} as never, { now: () => new Date() })

describe('NODE resolution', () => {
  it('resolves each spelling of each node kind', () => {
    expect(svc.resolve(g, 'CT-01')).toEqual({ kind: 'device', id: 'dev-1' })
    expect(svc.resolve(g, 'device:CT-01')).toEqual({ kind: 'device', id: 'dev-1' })
    expect(svc.resolve(g, 'dev-1')).toEqual({ kind: 'device', id: 'dev-1' })
    expect(svc.resolve(g, 'DICOM')).toEqual({ kind: 'segment', id: 'DICOM' })
    expect(svc.resolve(g, 'segment:DICOM')).toEqual({ kind: 'segment', id: 'DICOM' })
    expect(svc.resolve(g, 'service:画像診断')).toEqual({ kind: 'service', id: 'svc-1' })
    expect(svc.resolve(g, ' svc-1 ')).toEqual({ kind: 'service', id: 'svc-1' })
    expect(svc.resolve(g, 'party:party-1')).toEqual({ kind: 'party', id: 'party-1' })
    expect(svc.resolve(g, 'PACS 保守')).toEqual({ kind: 'party', id: 'party-1' })
  })

  it('any other string is BCP_NODE_UNKNOWN, never a crash', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('segment:', 'party:', 'service:x', 'device:', ':', '::')),
        (s) => {
          try {
            const r = svc.resolve(g, s)
            expect(g.has(r)).toBe(true)
          } catch (e) {
            expect(e).toBeInstanceOf(MamoriError)
            expect((e as MamoriError).code).toBe('BCP_NODE_UNKNOWN')
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})
