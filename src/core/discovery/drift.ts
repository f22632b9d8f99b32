import type { HostObservation, ServiceObservation, Transport } from './observation.js'

/**
 * Drift between two scans of the same scope: what appeared, what went away and what changed its face. Pure.
 * Hosts are matched by address. A host whose newer observation is incomplete (scan stopped, probe stalled) reports
 * no vanished ports or fingerprint losses, because "not seen" there does not mean "gone".
 */

export interface PortRef {
  address: string
  port: number
  transport: Transport
  service: string | null
}

export interface FingerprintChange {
  address: string
  /** null for host-level facts (MAC, host name). */
  port: number | null
  transport: Transport | null
  /** 'mac', 'hostname', 'service', 'banner' or 'probe:<probe id>'. */
  field: string
  before: string | null
  after: string | null
}

export interface DriftReport {
  newHosts: string[]
  vanishedHosts: string[]
  openedPorts: PortRef[]
  closedPorts: PortRef[]
  changedFingerprints: FingerprintChange[]
  /** Addresses whose newer observation was incomplete: their losses are not reported. */
  partialHosts: string[]
}

const isOpen = (s: ServiceObservation) => s.state === 'open'
const key = (s: { port: number; transport: Transport }) => `${s.transport}/${s.port}`

/** Stable text form of probe facts: keys sorted at every level so that key order never counts as a change. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function upHosts(list: readonly HostObservation[]): Map<string, HostObservation> {
  const m = new Map<string, HostObservation>()
  for (const h of list) if (h.state === 'up') m.set(h.address, h)
  return m
}

/**
 * Compares the previous scan's hosts with the current scan's hosts.
 *
 * @example computeDrift(previous.hosts, current.hosts).openedPorts // [{ address: '10.0.0.5', port: 23, … }]
 */
export function computeDrift(previous: readonly HostObservation[], current: readonly HostObservation[]): DriftReport {
  const before = upHosts(previous)
  const after = upHosts(current)
  const report: DriftReport = {
    newHosts: [],
    vanishedHosts: [],
    openedPorts: [],
    closedPorts: [],
    changedFingerprints: [],
    partialHosts: [],
  }
  for (const h of current) if (!h.complete) report.partialHosts.push(h.address)
  const partial = new Set(report.partialHosts)

  for (const [address, h] of after) {
    const old = before.get(address)
    if (!old) {
      report.newHosts.push(address)
      for (const s of h.services.filter(isOpen)) report.openedPorts.push(ref(address, s))
      continue
    }
    const change = (
      field: string,
      port: number | null,
      transport: Transport | null,
      a: string | null,
      b: string | null,
    ) => {
      if (a !== b && !(b === null && partial.has(address))) {
        report.changedFingerprints.push({ address, port, transport, field, before: a, after: b })
      }
    }
    if (old.mac && h.mac) change('mac', null, null, old.mac, h.mac)
    if (old.hostname && h.hostname) change('hostname', null, null, old.hostname, h.hostname)

    const oldOpen = new Map(old.services.filter(isOpen).map((s) => [key(s), s]))
    const newOpen = new Map(h.services.filter(isOpen).map((s) => [key(s), s]))
    for (const [k, s] of newOpen) {
      const o = oldOpen.get(k)
      if (!o) {
        report.openedPorts.push(ref(address, s))
        continue
      }
      if (o.service && s.service) change('service', s.port, s.transport, o.service, s.service)
      if (o.banner !== null || s.banner !== null) change('banner', s.port, s.transport, o.banner, s.banner)
      const oldProbes = new Map(o.probes.filter((p) => p.outcome === 'observed').map((p) => [p.probeId, p]))
      for (const p of s.probes) {
        if (p.outcome !== 'observed') continue
        const op = oldProbes.get(p.probeId)
        if (op) change(`probe:${p.probeId}`, s.port, s.transport, stable(op.facts), stable(p.facts))
      }
    }
    if (!partial.has(address)) {
      for (const [k, s] of oldOpen) if (!newOpen.has(k)) report.closedPorts.push(ref(address, s))
    }
  }
  for (const [address, h] of before) {
    if (after.has(address)) continue
    // A host seen only in an incomplete newer observation (stopped before discovery finished) is not "vanished".
    if (partial.has(address)) continue
    report.vanishedHosts.push(address)
    for (const s of h.services.filter(isOpen)) report.closedPorts.push(ref(address, s))
  }
  return report
}

function ref(address: string, s: ServiceObservation): PortRef {
  return { address, port: s.port, transport: s.transport, service: s.service }
}
