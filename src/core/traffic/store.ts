import type { CaptureImport, PassiveHostView, TrafficEdge } from '../../../api/capture.js'
import type { Actor } from '../ports.js'

/**
 * What passive discovery (capture imports, heard hosts, the communications map; ADR 0044) needs from storage.
 * Filled in by src/storage/capture-repository.ts (`captureStoragePorts`), spread into the ports by `storagePorts`.
 */

/** A capture's record as it starts. */
export interface CaptureStart {
  id: string
  kind: CaptureImport['kind']
  label: string
  fileBytes: number
  createdAt: string
  createdBy: string
}

/** What a finished capture adds: its summary, the hosts heard, the edges to add to the map. */
export interface CaptureFinish {
  summary: Omit<CaptureImport, 'id' | 'kind' | 'label' | 'fileBytes' | 'createdAt' | 'createdBy' | 'jobId'>
  hosts: PassiveHostView[]
  edges: Omit<TrafficEdge, never>[]
}

/** A ledger device as the map labels it. */
export interface MapDevice {
  id: string
  assetTag: string | null
  name: string | null
  category: string | null
  segment: string | null
  addresses: string[]
}

export interface CaptureStore {
  createCapture(start: CaptureStart, actor: Actor): Promise<void>
  setCaptureJob(id: string, jobId: string): Promise<void>
  /** Stores the result in one transaction with its audit entry (`capture.import`). */
  finishCapture(id: string, finish: CaptureFinish, actor: Actor, audit: Record<string, unknown>): Promise<void>
  /** Marks a capture failed or cancelled (nothing else stored), audited. */
  abandonCapture(id: string, status: 'failed' | 'cancelled', error: string | null, actor: Actor): Promise<void>
  listCaptures(limit: number): Promise<CaptureImport[]>
  getCapture(id: string): Promise<CaptureImport | null>
  captureHosts(id: string): Promise<PassiveHostView[]>
  /** Edges touching any of `addresses` (all when absent), busiest first, at most `limit`, and how many matched. */
  trafficEdges(q: { addresses?: string[]; limit: number }): Promise<{ edges: TrafficEdge[]; total: number }>
  /** Ledger devices (not decommissioned) with their addresses, for linking and labelling. */
  mapDevices(): Promise<MapDevice[]>
  /** Device ids with traffic to or from an external address, and device ids heard at all (risk's internetTraffic). */
  internetTraffic(): Promise<{ heard: Set<string>; external: Set<string> }>
}

export interface CapturePorts {
  captureStore: CaptureStore
}
