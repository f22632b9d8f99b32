import { X509Certificate } from 'node:crypto'
import { isRecord, type TlsInfoFacts } from '../core/discovery/rules/facts.js'
import type { Probe, TlsOptions } from './probe.js'
import { connectFor } from './session.js'
import { type Parsed, ParseError, parseSafely } from './wire.js'

/** Ports where TLS is spoken from the first byte (HTTPS, LDAPS, IMAPS, POP3S, SMTPS, DICOM TLS 2762, HL7 over TLS). */
export const TLS_PORTS = [443, 8443, 4443, 9443, 636, 993, 995, 465, 2762] as const
const TLS_SERVICES = new Set([
  'https',
  'ssl',
  'tls',
  'ssl/http',
  'https-alt',
  'ldaps',
  'imaps',
  'pop3s',
  'smtps',
  'dicom-tls',
])

/** Newest first, so the certificate is read from the best connection. */
const VERSIONS = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'] as const

/** Curve name to key size in bits (RFC 8422 names and OpenSSL aliases). */
const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  'P-256': 256,
  secp256k1: 256,
  secp384r1: 384,
  'P-384': 384,
  secp521r1: 521,
  'P-521': 521,
  secp224r1: 224,
  prime192v1: 192,
  secp192r1: 192,
}

/**
 * Reads the facts a clinical engineer needs from a DER certificate: who it names, who signed it, validity,
 * whether it signed itself, and the key type and size. Weak: RSA/DSA below 2048 bits or EC below 224 bits
 * (NIST SP 800-57 Part 1 Rev. 5, Table 4: 112-bit security). `now` is injected so expiry is testable.
 */
export function analyzeCertificate(der: Uint8Array, now: Date): Parsed<NonNullable<TlsInfoFacts['certificate']>> {
  return parseSafely(() => {
    if (der.length === 0 || der.length > 65_536)
      throw new ParseError(`certificate of ${der.length} bytes is not plausible`)
    const cert = new X509Certificate(Buffer.from(der))
    const from = new Date(cert.validFrom)
    const to = new Date(cert.validTo)
    let selfSigned = false
    if (cert.subject === cert.issuer) {
      try {
        selfSigned = cert.verify(cert.publicKey)
      } catch {
        selfSigned = false
      }
    }
    const key = cert.publicKey
    const keyType = key.asymmetricKeyType ?? null
    const details = key.asymmetricKeyDetails
    let keyBits: number | null = details?.modulusLength ?? null
    if (keyBits === null && details?.namedCurve) keyBits = CURVE_BITS[details.namedCurve] ?? null
    if (keyBits === null && keyType === 'ed25519') keyBits = 256
    if (keyBits === null && keyType === 'ed448') keyBits = 448
    const isRsaLike = keyType === 'rsa' || keyType === 'rsa-pss' || keyType === 'dsa'
    const weakKey = keyBits !== null && (isRsaLike ? keyBits < 2048 : keyType === 'ec' ? keyBits < 224 : false)
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      issuer: cert.issuer.replace(/\n/g, ', '),
      validFrom: Number.isNaN(from.getTime()) ? cert.validFrom : from.toISOString(),
      validTo: Number.isNaN(to.getTime()) ? cert.validTo : to.toISOString(),
      selfSigned,
      expired: !Number.isNaN(to.getTime()) && to.getTime() < now.getTime(),
      notYetValid: !Number.isNaN(from.getTime()) && from.getTime() > now.getTime(),
      keyType,
      keyBits,
      weakKey,
      fingerprint256: cert.fingerprint256,
    }
  })
}

/** The DER bytes from whatever the engine put in `peerCertificate` (Node's PeerCertificate has `raw`). */
export function rawCertificate(peerCertificate: unknown): Uint8Array | null {
  if (!isRecord(peerCertificate)) return null
  const raw = peerCertificate.raw
  return raw instanceof Uint8Array ? raw : null
}

/**
 * tls-info: one TLS handshake per version (1.3, 1.2, 1.1, 1.0, each pinned with min = max version) to learn
 * which versions the service still accepts, then the certificate facts. SSLv3 cannot be spoken by the OpenSSL
 * in Node.js, so it is reported as 'not-tested' rather than guessed.
 *
 * @example Sample output (facts)
 * ```
 * { versions: { SSLv3: 'not-tested', TLSv1: 'offered', 'TLSv1.1': 'offered', 'TLSv1.2': 'offered', 'TLSv1.3': 'refused' },
 *   certificate: { subject: 'CN=lab-monitor', issuer: 'CN=lab-monitor', selfSigned: true, expired: false,
 *     notYetValid: false, keyType: 'rsa', keyBits: 1024, weakKey: true, … } }
 * ```
 */
export const tlsInfo = {
  id: 'tls-info',
  protocol: 'tls',
  transport: 'tcp',
  safety: 'safe',
  ports: TLS_PORTS,
  summary: 'Lists the TLS versions a service accepts and checks its certificate (self-signed, expired, weak key).',
  sends:
    'Up to four TLS handshakes (TLS 1.3, 1.2, 1.1, 1.0), one connection each, closed right after the handshake. No application data.',
  applies: (t) =>
    t.transport === 'tcp' &&
    ((t.service !== null && TLS_SERVICES.has(t.service)) || TLS_PORTS.some((p) => p === t.port)),
  async run(target, ctx) {
    const versions: TlsInfoFacts['versions'] = {
      SSLv3: 'not-tested',
      TLSv1: 'refused',
      'TLSv1.1': 'refused',
      'TLSv1.2': 'refused',
      'TLSv1.3': 'refused',
    }
    const lines: string[] = ['# SSLv3: not tested (OpenSSL in Node.js cannot speak SSLv3)']
    let certificate: TlsInfoFacts['certificate'] = null
    let certProblem: string | null = null
    let tcpFailures = 0
    for (const version of VERSIONS) {
      if (ctx.signal.aborted) break
      const tls: TlsOptions = { minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' }
      const conn = await connectFor(target, ctx, tls)
      if ('reason' in conn) {
        // A refused/timed-out TCP connect says nothing about TLS; a handshake alert does.
        if (/ECONNREFUSED|ETIMEDOUT|timed out|EHOSTUNREACH|ENETUNREACH/i.test(conn.reason)) tcpFailures += 1
        lines.push(`# ${version}: refused (${conn.reason})`)
        continue
      }
      const info = conn.socket.tlsInfo()
      conn.socket.close()
      versions[version] = 'offered'
      lines.push(`# ${version}: offered (${info?.protocol ?? '?'}, ${info?.cipher ?? '?'})`)
      if (certificate === null && certProblem === null) {
        const der = rawCertificate(info?.peerCertificate)
        if (der === null) certProblem = 'the engine gave no certificate bytes'
        else {
          const analyzed = analyzeCertificate(der, new Date())
          if (analyzed.ok) {
            certificate = analyzed.value
            lines.push(
              `# certificate: subject ${certificate.subject}; issuer ${certificate.issuer}; valid ${certificate.validFrom} – ${certificate.validTo}; key ${certificate.keyType ?? '?'} ${certificate.keyBits ?? '?'} bits`,
            )
          } else certProblem = analyzed.reason
        }
      }
    }
    const evidence = lines.join('\n')
    const offered = Object.values(versions).some((v) => v === 'offered')
    if (!offered) {
      if (tcpFailures === VERSIONS.length) return { kind: 'unreachable', reason: evidence }
      return { kind: 'absent', evidence }
    }
    if (ctx.signal.aborted)
      return { kind: 'incomplete', facts: { versions, certificate }, evidence, reason: 'scan stopped' }
    if (certProblem !== null)
      return { kind: 'incomplete', facts: { versions, certificate }, evidence, reason: `certificate: ${certProblem}` }
    return { kind: 'observed', facts: { versions, certificate }, evidence }
  },
} as const satisfies Probe<TlsInfoFacts>
