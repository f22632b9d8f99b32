import type { ProbeObservation, ServiceObservation } from '../core/discovery/observation.js'
import { guessServiceFromBanner } from '../core/discovery/ports.js'
import type { Probe, ProbeResult, ServiceTarget } from '../probes/probe.js'
import type { ScanContext } from './scan-context.js'

/**
 * The probe runner: for one open (or open|filtered) service, grab a banner where the server speaks first, then run
 * every applicable probe once, politely, each bounded by a watchdog. Facts go into the service's observation.
 */

/** Services whose client speaks first: waiting for an unprompted banner there only costs time. */
const CLIENT_FIRST = new Set([
  'http',
  'https',
  'dicom',
  'dicom-tls',
  'hl7',
  'smb',
  'rdp',
  'msrpc',
  'mssql',
  'postgresql',
  'ldap',
  'rtsp',
  'ipp',
  'jetdirect',
  'modbus',
  's7',
  'mqtt',
  'mqtt-tls',
  'rpcbind',
  'domain',
])

const BANNER_MAX_BYTES = 1024

/** Bytes as printable text: ASCII kept, everything else as \xNN, so evidence survives storage and display. */
export function printable(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) {
    if ((b >= 0x20 && b < 0x7f && b !== 0x5c) || b === 0x0a || b === 0x0d || b === 0x09) s += String.fromCharCode(b)
    else s += `\\x${b.toString(16).padStart(2, '0')}`
  }
  return s
}

/** Converts a probe's result into the observation stored with the service. */
export function toProbeObservation(probeId: string, r: ProbeResult<Record<string, unknown>>): ProbeObservation {
  switch (r.kind) {
    case 'observed':
      return { probeId, outcome: 'observed', facts: { ...r.facts }, evidence: r.evidence }
    case 'absent':
      return { probeId, outcome: 'absent', facts: {}, evidence: r.evidence ?? '' }
    case 'unreachable':
      return { probeId, outcome: 'unreachable', facts: {}, evidence: '', reason: r.reason }
    case 'incomplete':
      return { probeId, outcome: 'incomplete', facts: { ...r.facts }, evidence: r.evidence, reason: r.reason }
  }
}

/** Banners and probes for the services of one scan. */
export class ProbeRunner {
  constructor(private readonly ctx: ScanContext) {}

  /** Banner (where useful), then each applicable probe in registry order; updates `s` in place. */
  async examineService(address: string, s: ServiceObservation): Promise<void> {
    const { profile, signal, progress } = this.ctx
    if (s.transport === 'tcp' && profile.bannerTimeoutMs > 0 && !CLIENT_FIRST.has(s.service ?? '')) {
      s.banner = await this.#grabBanner(address, s.port)
      s.service = guessServiceFromBanner(s.port, s.banner) ?? s.service
    }
    if (!profile.runProbes) return
    for (const probe of this.ctx.probes) {
      if (signal.aborted) return
      if (probe.transport !== s.transport) continue
      if (probe.safety === 'intrusive' && !this.ctx.intrusiveAllowed(address)) continue
      const target: ServiceTarget = {
        address,
        port: s.port,
        transport: s.transport,
        service: s.service,
        banner: s.banner,
      }
      if (!applies(probe, target)) continue
      const obs = await this.#runProbe(probe, target)
      if (signal.aborted && obs.outcome !== 'observed') return
      s.probes.push(obs)
      progress.state.probesRun++
      progress.emit()
      if (obs.outcome === 'observed') {
        if (s.state === 'open|filtered') s.state = 'open'
        if (s.service === null) s.service = probe.protocol
      }
      // A UDP probe told "port unreachable" by the host proves the port closed (nmap's -sU reasoning).
      if (obs.outcome === 'unreachable' && s.transport === 'udp' && obs.reason?.includes('ICMP port unreachable')) {
        s.state = 'closed'
        break
      }
    }
  }

  async #grabBanner(address: string, port: number): Promise<string | null> {
    try {
      const sock = await this.ctx.net.connect(address, port)
      try {
        const bytes = await sock.read({ timeoutMs: this.ctx.profile.bannerTimeoutMs, maxBytes: BANNER_MAX_BYTES })
        return printable(bytes)
      } catch {
        return null
      } finally {
        sock.close()
      }
    } catch {
      return null
    }
  }

  /** A probe is one polite attempt; a watchdog bounds probes that ignore their own timeouts. */
  async #runProbe(probe: Probe, target: ServiceTarget): Promise<ProbeObservation> {
    const { profile, signal } = this.ctx
    const limitMs = Math.max(profile.readTimeoutMs * 6, profile.connectTimeoutMs * 4, 10_000)
    let timer: NodeJS.Timeout | undefined
    const watchdog = new Promise<ProbeObservation>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            probeId: probe.id,
            outcome: 'incomplete',
            facts: {},
            evidence: '',
            reason: `the probe did not finish within ${limitMs} ms`,
          }),
        limitMs,
      )
    })
    const attempt = (async (): Promise<ProbeObservation> => {
      try {
        const r = await probe.run(target, { net: this.ctx.net, signal, timeoutMs: profile.readTimeoutMs })
        return toProbeObservation(probe.id, r)
      } catch (e) {
        const reason = signal.aborted
          ? 'the scan was stopped during this probe'
          : `the probe failed: ${e instanceof Error ? e.message : String(e)}`
        return { probeId: probe.id, outcome: 'incomplete', facts: {}, evidence: '', reason }
      }
    })()
    try {
      return await Promise.race([attempt, watchdog])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** `probe.applies`, where a throwing rule counts as "does not apply". */
function applies(probe: Probe, target: ServiceTarget): boolean {
  try {
    return probe.applies(target)
  } catch {
    return false
  }
}

/** Probes the request may run: the id filter, the right safety (intrusive only when asked for explicitly). */
export function selectProbes(
  all: readonly Probe[],
  request: { probeIds?: readonly string[]; allowIntrusive?: boolean },
): Probe[] {
  const ids = request.probeIds ? new Set(request.probeIds) : null
  return all.filter((p) => (ids ? ids.has(p.id) : true) && (p.safety === 'safe' || request.allowIntrusive === true))
}
