/**
 * Tables of passive discovery (migration 0022-capture; ADR 0044): one row per capture import (a file, or one rotation
 * period of a live capture), the hosts heard in it, and the communications map aggregated over every capture. Lists
 * and objects are JSON text; timestamps ISO text; counters may pass 2^31 (bigint in PostgreSQL).
 */
export interface CaptureImportTable {
  id: string
  kind: string // file | live
  label: string
  status: string // running | completed | failed | cancelled
  format: string | null
  gzip: number
  fileBytes: number | string
  bytesRead: number | string
  packets: number | string
  /** JSON array of link type numbers. */
  linkTypes: string
  firstSeen: string | null
  lastSeen: string | null
  hosts: number
  conversations: number
  findings: number
  /** JSON object code → count. */
  problemCounts: string
  /** JSON array of the first problems, located. */
  problems: string
  scanId: string | null
  jobId: string | null
  error: string | null
  createdAt: string
  createdBy: string
  finishedAt: string | null
}

export interface CaptureHostTable {
  captureId: string
  address: string
  mac: string | null
  vendor: string | null
  /** JSON arrays / objects. */
  names: string
  protocols: string
  services: string
  identification: string | null
  deviceId: string | null
  external: number
  firstSeen: string
  lastSeen: string
  bytesSent: number | string
  bytesReceived: number | string
}

/** One edge of the map: (client, server, transport, server port), summed over every capture. */
export interface TrafficEdgeTable {
  client: string
  server: string
  transport: string
  serverPort: number
  protocol: string | null
  packets: number | string
  bytes: number | string
  firstSeen: string
  lastSeen: string
  clientDeviceId: string | null
  serverDeviceId: string | null
  /** 1 when one end is an internet address. */
  external: number
}

export interface CaptureTables {
  captureImports: CaptureImportTable
  captureHosts: CaptureHostTable
  trafficEdges: TrafficEdgeTable
}

/** Backed up and restored with the rest (parents first). */
export const CAPTURE_BACKUP_TABLES = ['captureImports', 'captureHosts', 'trafficEdges'] as const
