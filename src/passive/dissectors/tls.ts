import { X509Certificate } from 'node:crypto'
import type {
  Direction,
  Emit,
  StreamDissector,
  TlsCertificateEvent,
  TlsClientHelloEvent,
  TlsServerHelloEvent,
} from '../contract.js'
import { ByteQueue, latin1, printable, u16be, u24be } from './bytes.js'
import { type ClientHelloParts, isGrease, ja4 } from './ja4.js'

/**
 * TLS handshakes (RFC 5246, RFC 8446): ClientHello (versions, SNI, ALPN, JA4), ServerHello (the version in force,
 * cipher suite) and, where it travels in clear (TLS 1.2 and older), the server certificate through Node's own
 * X509Certificate. Stops at the first encrypted record of each side.
 */
const MAX_HANDSHAKE = 64 * 1024

export const TLS_VERSIONS: Record<number, string> = {
  768: 'SSL 3.0',
  769: 'TLS 1.0',
  770: 'TLS 1.1',
  771: 'TLS 1.2',
  772: 'TLS 1.3',
}
const versionText = (v: number) => TLS_VERSIONS[v] ?? `0x${v.toString(16)}`

function plausibleRecord(b: Uint8Array): boolean {
  return (
    b.length >= 6 &&
    b[0] === 0x16 &&
    b[1] === 3 &&
    (b[2] ?? 9) <= 4 &&
    u16be(b, 3) > 0 &&
    u16be(b, 3) <= 18432 &&
    (b[5] === 1 || b[5] === 2)
  )
}

/** Extensions of a hello from `p` to `end`: calls `each(type, start, len)`. */
function extensions(b: Uint8Array, p: number, end: number, each: (type: number, start: number, len: number) => void) {
  if (p + 2 > end) return
  const total = u16be(b, p)
  let q = p + 2
  const stop = Math.min(end, q + total)
  while (q + 4 <= stop) {
    const type = u16be(b, q)
    const len = u16be(b, q + 2)
    if (q + 4 + len > stop) break
    each(type, q + 4, len)
    q += 4 + len
  }
}

export function parseClientHello(b: Uint8Array): (ClientHelloParts & { sniName: string | null }) | null {
  if (b.length < 38) return null
  const parts: ClientHelloParts & { sniName: string | null } = {
    legacyVersion: u16be(b, 0),
    supportedVersions: [],
    ciphers: [],
    extensions: [],
    sni: false,
    sniName: null,
    alpn: [],
    signatureAlgorithms: [],
  }
  let p = 34
  p += 1 + (b[p] ?? 0)
  const cl = u16be(b, p)
  for (let i = 0; i + 1 < cl && p + 2 + i + 1 < b.length; i += 2) parts.ciphers.push(u16be(b, p + 2 + i))
  p += 2 + cl
  p += 1 + (b[p] ?? 0)
  extensions(b, p, b.length, (type, s, len) => {
    parts.extensions.push(type)
    if (type === 0 && len >= 5) {
      parts.sni = true
      const nl = u16be(b, s + 3)
      parts.sniName = printable(b.subarray(s + 5, s + 5 + nl), 255) || null
    } else if (type === 16 && len >= 2) {
      let q = s + 2
      while (q < s + len && parts.alpn.length < 8) {
        const l = b[q] ?? 0
        parts.alpn.push(latin1(b, q + 1, Math.min(q + 1 + l, s + len)))
        q += 1 + l
      }
    } else if (type === 43 && len >= 1) {
      const l = b[s] ?? 0
      for (let i = 0; i + 1 < l; i += 2) parts.supportedVersions.push(u16be(b, s + 1 + i))
    } else if (type === 13 && len >= 2) {
      const l = u16be(b, s)
      for (let i = 0; i + 1 < l; i += 2) parts.signatureAlgorithms.push(u16be(b, s + 2 + i))
    }
  })
  return parts
}

function certificateEvent(der: Uint8Array): Omit<TlsCertificateEvent, 'at' | 'flow' | 'mac'> | null {
  try {
    const cert = new X509Certificate(der)
    const key = cert.publicKey.asymmetricKeyDetails
    const type = cert.publicKey.asymmetricKeyType
    const bits = key?.modulusLength ?? (key?.namedCurve ? Number(/(\d{3})/.exec(key.namedCurve)?.[1] ?? 0) : 0)
    let selfSigned = cert.subject === cert.issuer
    if (selfSigned) {
      try {
        selfSigned = cert.verify(cert.publicKey)
      } catch {
        selfSigned = false
      }
    }
    return {
      kind: 'tls-certificate',
      subject: cert.subject.replace(/\n/g, ', ').slice(0, 256),
      issuer: cert.issuer.replace(/\n/g, ', ').slice(0, 256),
      notBefore: new Date(cert.validFrom).toISOString(),
      notAfter: new Date(cert.validTo).toISOString(),
      selfSigned,
      publicKey: type ? `${type.toUpperCase()}${bits ? ` ${bits}` : ''}` : null,
      signatureAlgorithm: null,
    }
  } catch {
    return null
  }
}

export const tlsDissector: StreamDissector = {
  protocol: 'tls',
  detect: (first) => plausibleRecord(first),
  open(flow, emit: Emit, mac) {
    const records = { client: new ByteQueue(20_000), server: new ByteQueue(20_000) }
    const handshakes = { client: new ByteQueue(MAX_HANDSHAKE), server: new ByteQueue(MAX_HANDSHAKE) }
    const finished = { client: false, server: false }
    let serverVersion = 0
    return {
      data(dir: Direction, bytes, at) {
        if (finished[dir]) return finished.client && finished.server ? 'done' : 'more'
        const rq = records[dir]
        if (!rq.append(bytes)) finished[dir] = true
        const base = { at: { ...at }, flow, mac: dir === 'client' ? mac.client : mac.server }
        while (!finished[dir] && rq.length >= 5) {
          const type = rq.bytes[0]
          const len = u16be(rq.bytes, 3)
          if (rq.length < 5 + len) break
          const rec = rq.take(5 + len).subarray(5)
          if (type !== 0x16) {
            finished[dir] = true // ChangeCipherSpec, alert or application data: encrypted from here on
            break
          }
          const hq = handshakes[dir]
          if (!hq.append(rec)) {
            finished[dir] = true
            break
          }
          while (hq.length >= 4) {
            const ht = hq.bytes[0]
            const hl = u24be(hq.bytes, 1)
            if (hq.length < 4 + hl) break
            const msg = hq.take(4 + hl).subarray(4)
            if (ht === 1) {
              const h = parseClientHello(msg)
              if (h) {
                const versions = h.supportedVersions.filter((v) => !isGrease(v))
                emit({
                  kind: 'tls-client-hello',
                  ...base,
                  versions: (versions.length ? versions : [h.legacyVersion]).map(versionText),
                  sni: h.sniName,
                  alpn: h.alpn,
                  ja4: ja4(h),
                } satisfies TlsClientHelloEvent)
              }
              finished.client = true
            } else if (ht === 2 && msg.length >= 38) {
              let version = u16be(msg, 0)
              let p = 34
              p += 1 + (msg[p] ?? 0)
              const cipher = u16be(msg, p)
              extensions(msg, p + 3, msg.length, (t, s) => {
                if (t === 43) version = u16be(msg, s)
              })
              serverVersion = version
              emit({
                kind: 'tls-server-hello',
                ...base,
                version: versionText(version),
                cipherSuite: cipher,
              } satisfies TlsServerHelloEvent)
              if (version === 0x0304) finished.server = true // the certificate is encrypted in TLS 1.3
            } else if (ht === 11 && serverVersion !== 0x0304 && msg.length >= 6) {
              const first = u24be(msg, 3)
              const ev = certificateEvent(msg.subarray(6, 6 + first))
              if (ev) emit({ ...ev, ...base })
              finished.server = true
            } else if (ht === 14) {
              finished.server = true
            }
          }
        }
        return finished.client && finished.server ? 'done' : 'more'
      },
      end() {},
    }
  },
}
