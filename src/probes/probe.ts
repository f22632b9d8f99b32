import type { Transport } from '../core/discovery/observation.js'

/** Every probe says whether it is safe for fragile devices; there is no default. */
export type Safety = 'safe' | 'intrusive'

export type Protocol = 'dicom' | 'hl7' | 'smb' | 'ftp' | 'telnet' | 'snmp' | 'http' | 'tls' | 'ssh' | 'rdp' | 'vnc'

/** An open service the engine found, handed to probes whose `applies` accepts it. */
export interface ServiceTarget {
  address: string
  port: number
  transport: Transport
  /** Service name guessed so far (from port or earlier probes), or null. */
  service: string | null
  /** First bytes the service sent unprompted, if the engine read a banner. */
  banner: string | null
}

/**
 * Network access handed to probes. The engine owns it so that rate limits, timeouts and the approved scope
 * are enforced in one place; a probe never opens a socket by itself.
 */
export interface ProbeNet {
  /** Opens a TCP connection (counted against the host's rate cap). Rejects on refusal/timeout. */
  connect(address: string, port: number, opts?: { timeoutMs?: number; tls?: TlsOptions }): Promise<ProbeSocket>
  /** Sends one UDP datagram and waits for the first reply (or null on timeout). */
  udpRequest(address: string, port: number, payload: Uint8Array, timeoutMs?: number): Promise<Uint8Array | null>
}

export interface TlsOptions {
  servername?: string
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'
  /**
   * OpenSSL cipher string. tls-info passes 'DEFAULT@SECLEVEL=0' to test TLS 1.0/1.1, which OpenSSL 3 refuses
   * to offer at its default security level. Certificates are never verified for probes (rejectUnauthorized false).
   */
  ciphers?: string
}

/** A connected socket with bounded reads: every read has a timeout and a size cap (hostile peers). */
export interface ProbeSocket {
  write(data: Uint8Array | string): Promise<void>
  /** Resolves with whatever arrives within `timeoutMs` (at least 1 byte) or rejects on timeout/close. */
  read(opts?: { timeoutMs?: number; maxBytes?: number }): Promise<Buffer>
  /** Reads until `done(buffer)` is true, the peer closes, the size cap or the timeout (returns what it has). */
  readUntil(done: (buf: Buffer) => boolean, opts?: { timeoutMs?: number; maxBytes?: number }): Promise<Buffer>
  /** TLS details when connected with TLS. */
  tlsInfo(): { protocol: string | null; cipher: string | null; peerCertificate: unknown } | null
  close(): void
}

export interface ProbeContext {
  net: ProbeNet
  signal: AbortSignal
  /** Per-read timeout chosen by the profile. */
  timeoutMs: number
}

export type ProbeResult<F> =
  | { kind: 'observed'; facts: F; evidence: string }
  | { kind: 'absent'; evidence?: string }
  | { kind: 'unreachable'; reason: string }
  /** The service answered but stopped or misbehaved mid-exchange: partial facts, marked incomplete. */
  | { kind: 'incomplete'; facts: Partial<F>; evidence: string; reason: string }

/** The NSE-like contract: one file per probe, declaring what it is, whether it is safe and what it sends. */
export interface Probe<Facts = Record<string, unknown>> {
  readonly id: string
  readonly protocol: Protocol
  readonly summary: string
  readonly safety: Safety
  readonly sends: string
  readonly ports: readonly number[]
  readonly transport: Transport
  /** No I/O: should this probe run on this service? */
  applies(target: ServiceTarget): boolean
  /** One polite attempt, no retry loop. A timeout is a result, not a throw. */
  run(target: ServiceTarget, ctx: ProbeContext): Promise<ProbeResult<Facts>>
}
