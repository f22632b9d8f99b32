/**
 * What a scan saw, before any judgement. Produced by the discovery engine (active scans) and the nmap XML
 * importer; consumed by identification, finding rules, ledger reconciliation and drift. Pure data, no I/O.
 */

export type PortState = 'open' | 'closed' | 'filtered' | 'open|filtered'
export type Transport = 'tcp' | 'udp'

/** The facts one probe reported about one service, with the exact bytes/text that prove them. */
export interface ProbeObservation {
  probeId: string
  /** 'observed' facts, 'absent' (protocol not spoken there) or 'unreachable'/'incomplete' with a reason. */
  outcome: 'observed' | 'absent' | 'unreachable' | 'incomplete'
  facts: Record<string, unknown>
  /** Exact response, printable (hex-escaped where binary), kept as evidence for findings. */
  evidence: string
  reason?: string
}

export interface ServiceObservation {
  port: number
  transport: Transport
  state: PortState
  /** Best guess of the service name ('dicom', 'http', 'smb', …) from the port or the probes. */
  service: string | null
  banner: string | null
  probes: ProbeObservation[]
}

export interface HostObservation {
  address: string
  mac: string | null
  hostname: string | null
  state: 'up' | 'down'
  /** How we know it is up: 'tcp-connect', 'arp', 'icmp', 'nmap'. */
  upReason: string | null
  services: ServiceObservation[]
  /** False when the scan was stopped or a probe stalled: results are partial and marked so. */
  complete: boolean
}

export type ScanProfileId = 'gentle' | 'standard' | 'fast'

export interface ScanSummary {
  profile: ScanProfileId
  startedAt: string
  finishedAt: string
  hosts: HostObservation[]
  /** True when stopped before the end; hosts not finished carry complete=false. */
  stopped: boolean
}

/** The one Finding model's draft lives in `core/findings/finding.ts`; re-exported for existing importers. */
export type { FindingDraft } from '../findings/finding.js'

/** A suggested identity for a host, with the evidence and a confidence between 0 and 1. */
export interface Identification {
  manufacturer: string | null
  model: string | null
  category: string | null
  os: string | null
  confidence: number
  evidence: { source: string; value: string }[]
}
