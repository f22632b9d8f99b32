import { createHash } from 'node:crypto'

/**
 * JA4 TLS client fingerprint (FoxIO, JA4 specification): `t` + version + `d`/`i` (SNI or not) + cipher count +
 * extension count + first/last character of the first ALPN value, `_`, the first 12 hex digits of SHA-256 over the
 * sorted cipher suites, `_`, the first 12 of SHA-256 over the sorted extensions (SNI and ALPN left out) `_` the
 * signature algorithms in their original order. GREASE values (RFC 8701) are ignored everywhere.
 */
export const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff)

const hex4 = (v: number) => v.toString(16).padStart(4, '0')
const sha12 = (s: string) =>
  s.length === 0 ? '000000000000' : createHash('sha256').update(s).digest('hex').slice(0, 12)

const VERSION: Record<number, string> = { 772: '13', 771: '12', 770: '11', 769: '10', 768: 's3' }

export interface ClientHelloParts {
  legacyVersion: number
  supportedVersions: number[]
  ciphers: number[]
  extensions: number[]
  sni: boolean
  alpn: string[]
  signatureAlgorithms: number[]
}

export function ja4(h: ClientHelloParts, transport: 't' | 'q' = 't'): string {
  const versions = h.supportedVersions.filter((v) => !isGrease(v))
  const top = versions.length > 0 ? Math.max(...versions) : h.legacyVersion
  const ciphers = h.ciphers.filter((c) => !isGrease(c))
  const exts = h.extensions.filter((e) => !isGrease(e))
  const alpn = h.alpn[0] ?? ''
  // Non-alphanumeric ALPN characters: the first and last hex digits of the value instead (spec §ALPN).
  const alnum = (c: string) => /^[A-Za-z0-9]$/.test(c)
  let a = '00'
  if (alpn.length > 0) {
    const f = alpn.charAt(0)
    const l = alpn.charAt(alpn.length - 1)
    if (alnum(f) && alnum(l)) a = `${f}${l}`
    else {
      const hx = Buffer.from(alpn, 'latin1').toString('hex')
      a = `${hx.charAt(0)}${hx.charAt(hx.length - 1)}`
    }
  }
  const count = (n: number) => String(Math.min(n, 99)).padStart(2, '0')
  const head = `${transport}${VERSION[top] ?? '00'}${h.sni ? 'd' : 'i'}${count(ciphers.length)}${count(exts.length)}${a}`
  const cipherHash = sha12(
    [...ciphers]
      .sort((x, y) => x - y)
      .map(hex4)
      .join(','),
  )
  const extList = exts
    .filter((e) => e !== 0x0000 && e !== 0x0010)
    .sort((x, y) => x - y)
    .map(hex4)
    .join(',')
  const sigs = h.signatureAlgorithms
    .filter((s) => !isGrease(s))
    .map(hex4)
    .join(',')
  const extHash = sha12(sigs.length > 0 ? `${extList}_${sigs}` : extList)
  return `${head}_${cipherHash}_${extHash}`
}
