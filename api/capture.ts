import { z } from 'zod'

/**
 * Passive discovery (issue 12): capture imports, what was heard, and the communications map. The HTTP contract
 * shared by server, CLI and web. Times are ISO-8601 text; byte and packet counts are numbers.
 */

export const CAPTURE_KINDS = ['file', 'live'] as const
export const CAPTURE_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const

export const captureProblem = z.object({
  code: z.string(),
  offset: z.number().int(),
  packet: z.number().int().nullable(),
  detail: z.string(),
  severity: z.enum(['fatal', 'skipped']),
  /** The problem in words, from the catalog (`capture.problem.<code>`). */
  messageJa: z.string(),
  messageEn: z.string(),
})
export type CaptureProblemView = z.infer<typeof captureProblem>

/** One capture import (a file, or one rotation period of a live capture). */
export const captureImport = z.object({
  id: z.string(),
  kind: z.enum(CAPTURE_KINDS),
  /** File name as given (no directory), or `live:<interface>`. */
  label: z.string(),
  status: z.enum(CAPTURE_STATUSES),
  format: z.enum(['pcap', 'pcapng']).nullable(),
  gzip: z.boolean(),
  /** Bytes of the file as stored/received, and decompressed bytes read. */
  fileBytes: z.number().int(),
  bytesRead: z.number().int(),
  packets: z.number().int(),
  linkTypes: z.array(z.number().int()),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  hosts: z.number().int(),
  conversations: z.number().int(),
  findings: z.number().int(),
  /** Problems by code (all counted) and the first ones located. */
  problemCounts: z.record(z.string(), z.number().int()),
  problems: z.array(captureProblem),
  /** The scan record through which hosts and findings entered the ledger's model (profile `passive`). */
  scanId: z.string().nullable(),
  jobId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  finishedAt: z.string().nullable(),
})
export type CaptureImport = z.infer<typeof captureImport>

/** A host as heard in one capture (the `--json` output of `mamori capture import` lists these). */
export const passiveHostView = z.object({
  address: z.string(),
  mac: z.string().nullable(),
  vendor: z.string().nullable(),
  names: z.array(z.object({ name: z.string(), source: z.string() })),
  protocols: z.array(z.string()),
  services: z.array(
    z.object({
      port: z.number().int(),
      transport: z.enum(['tcp', 'udp']),
      protocol: z.string().nullable(),
      clients: z.number().int(),
    }),
  ),
  /** Identification from what was heard (DICOM implementation, HL7 application, DHCP vendor class, OUI…). */
  identification: z
    .object({
      manufacturer: z.string().nullable(),
      model: z.string().nullable(),
      category: z.string().nullable(),
      os: z.string().nullable(),
      confidence: z.number(),
      evidence: z.array(z.object({ source: z.string(), value: z.string() })),
    })
    .nullable(),
  deviceId: z.string().nullable(),
  assetTag: z.string().nullable(),
  external: z.boolean(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  bytesSent: z.number().int(),
  bytesReceived: z.number().int(),
})
export type PassiveHostView = z.infer<typeof passiveHostView>

export const captureDetail = captureImport.extend({
  hostList: z.array(passiveHostView),
})
export type CaptureDetail = z.infer<typeof captureDetail>

/** One edge of the communications map, aggregated over every capture (who talked to whom, how much, when). */
export const trafficEdge = z.object({
  client: z.string(),
  server: z.string(),
  transport: z.enum(['tcp', 'udp', 'other']),
  serverPort: z.number().int(),
  protocol: z.string().nullable(),
  packets: z.number().int(),
  bytes: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  clientDeviceId: z.string().nullable(),
  serverDeviceId: z.string().nullable(),
})
export type TrafficEdge = z.infer<typeof trafficEdge>

/** A node of the map: an address, with its ledger device when one matches. */
export const trafficNode = z.object({
  address: z.string(),
  deviceId: z.string().nullable(),
  assetTag: z.string().nullable(),
  label: z.string(),
  category: z.string().nullable(),
  segment: z.string().nullable(),
  external: z.boolean(),
})
export type TrafficNode = z.infer<typeof trafficNode>

export const trafficMap = z.object({
  nodes: z.array(trafficNode),
  edges: z.array(trafficEdge),
  /** True when more edges matched than `limit` (the busiest are kept). */
  truncated: z.boolean(),
  totalEdges: z.number().int(),
})
export type TrafficMap = z.infer<typeof trafficMap>

export const TRAFFIC_FORMATS = ['json', 'csv', 'graphml'] as const
export const trafficMapQuery = z.object({
  /** Only edges touching this device (id or asset tag). */
  device: z.string().trim().min(1).max(200).optional(),
  /** Only edges touching addresses of this ledger segment. */
  segment: z.string().trim().min(1).max(200).optional(),
  format: z.enum(TRAFFIC_FORMATS).default('json'),
  limit: z.coerce.number().int().min(1).max(100_000).default(2_000),
})
export type TrafficMapQuery = z.infer<typeof trafficMapQuery>

/** `POST /api/captures` answers at once with the import record and its job; progress is the job's. */
export const captureStarted = z.object({ capture: captureImport, jobId: z.string() })
export type CaptureStarted = z.infer<typeof captureStarted>

/** Default upload limit for one capture file through the API (MAMORI_MAX_CAPTURE_UPLOAD_MB; the CLI reads any size). */
export const MAX_CAPTURE_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024
