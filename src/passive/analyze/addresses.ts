/**
 * Address facts the analyzer needs without I/O: is an address on the internet, is it a real host (not broadcast,
 * multicast or unspecified), which side of a conversation is the server, and which network segment it is in.
 */
import { segmentKey } from '../../core/discovery/rules/hl7-crossing-segments.js'

/** Parses dotted IPv4 into an unsigned 32-bit number, or -1 when the text is not IPv4. */
export function ipv4ToNumber(address: string): number {
  let n = 0
  let part = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || part > 255) return -1
      n = n * 256 + part
      part = 0
      digits = 0
      dots++
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48)
      digits++
      if (digits > 3) return -1
    } else return -1
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1
  return n * 256 + part
}

/** The first 16-bit group of an IPv6 address in text form (RFC 5952), or -1. */
function ipv6FirstGroup(address: string): number {
  if (address.startsWith('::')) return 0
  const colon = address.indexOf(':')
  if (colon <= 0 || colon > 4) return -1
  const v = Number.parseInt(address.slice(0, colon), 16)
  return Number.isNaN(v) ? -1 : v
}

/**
 * True when the address is on the internet: not private (RFC 1918), CGNAT (100.64/10), loopback, link-local,
 * multicast, broadcast, unspecified, documentation-free ranges aside; for IPv6 not ::, ::1, fe80::/10, ff00::/8 or
 * ULA fc00::/7. An address that parses as neither is not external (we cannot say).
 */
export function isExternal(address: string): boolean {
  const v4 = ipv4ToNumber(address)
  if (v4 >= 0) {
    const a = Math.floor(v4 / 16777216)
    const b = Math.floor(v4 / 65536) % 256
    if (a === 0 || a === 10 || a === 127) return false
    if (a === 100 && b >= 64 && b <= 127) return false
    if (a === 169 && b === 254) return false
    if (a === 172 && b >= 16 && b <= 31) return false
    if (a === 192 && b === 168) return false
    if (a >= 224) return false
    return true
  }
  if (!address.includes(':')) return false
  if (address === '::' || address === '::1') return false
  if (address.startsWith('::ffff:')) return isExternal(address.slice(7))
  const g = ipv6FirstGroup(address)
  if (g < 0) return false
  if ((g & 0xffc0) === 0xfe80) return false
  if ((g & 0xff00) === 0xff00) return false
  if ((g & 0xfe00) === 0xfc00) return false
  return true
}

/** False for addresses that are no device of their own: unspecified, broadcast and multicast. */
export function isUnicastHost(address: string): boolean {
  if (address === '' || address === '0.0.0.0' || address === '::' || address === '255.255.255.255') return false
  const v4 = ipv4ToNumber(address)
  if (v4 >= 0) return v4 < 0xe0000000
  return !address.toLowerCase().startsWith('ff')
}

/** True for a group MAC (broadcast or multicast: the first octet's lowest bit is set). */
export function isGroupMac(mac: string): boolean {
  const first = Number.parseInt(mac.slice(0, 2), 16)
  return Number.isNaN(first) || (first & 1) === 1
}

/**
 * The network segment an address is in, as far as a capture can tell without the hospital's network plan: the
 * IPv4 /24 (`192.168.10.0/24`) or the IPv6 /64 (`2001:db8:1:2::/64`) — the HL7 rule's own definition.
 */
export function segmentOf(address: string): string {
  return segmentKey(address) ?? address
}

/** Compares two addresses for a stable, human order (IPv4 numerically, then IPv6 as text). */
export function compareAddresses(a: string, b: string): number {
  const x = ipv4ToNumber(a)
  const y = ipv4ToNumber(b)
  if (x >= 0 && y >= 0) return x - y
  if (x >= 0) return -1
  if (y >= 0) return 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Server ports above 1023 that are well known in a hospital (DICOM, HL7, RDP, databases, web, mDNS…). */
const KNOWN_HIGH_PORTS = new Set([
  1433, 1521, 1812, 1813, 1900, 2575, 2762, 3306, 3389, 3478, 4242, 5060, 5353, 5355, 5432, 5900, 5985, 5986, 6343,
  8000, 8008, 8080, 8443, 8888, 9100, 11112,
])

/** A port a server listens on by convention (below 1024, or a known service port). */
export function isWellKnownPort(port: number): boolean {
  return (port > 0 && port < 1024) || KNOWN_HIGH_PORTS.has(port)
}

/**
 * Guesses which of two endpoints is the server when no SYN was heard: the one on a well-known port; when both or
 * neither are, the lower port. Returns true when `a` is the server.
 */
export function firstIsServer(aPort: number, bPort: number): boolean {
  const a = isWellKnownPort(aPort)
  const b = isWellKnownPort(bPort)
  if (a !== b) return a
  return aPort < bPort
}

/** ISO time of a capture timestamp in microseconds. */
export function isoOfUs(us: number): string {
  const d = new Date(Math.floor(us / 1000))
  return Number.isNaN(d.getTime()) ? '1970-01-01T00:00:00.000Z' : d.toISOString()
}
