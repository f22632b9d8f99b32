import { MamoriError } from '../errors.js'
import type { Transport } from './observation.js'

/**
 * Port lists and port specifications. Pure data and parsing, no I/O.
 */

/**
 * Medical and building-automation ports that general-purpose top-port lists miss. Sources: DICOM PS3.15 Annex
 * E.2 (104 well-known, 2761/2762 DICOM ISCL/TLS), the DICOM ports most PACS/modalities use in practice (11112 from
 * DICOM PS3.8 §D and dcmtk, 4242 Orthanc), HL7 v2 MLLP (2575 IANA, and 2100, 5000–5005, 6661, 7777 common in
 * interface engines), IEEE 11073/IHE PCD gateways and vendor monitor gateways.
 */
export const MEDICAL_TCP_PORTS = [
  104, 2761, 2762, 4242, 11112, 11113, 2575, 2100, 5000, 5001, 5002, 5003, 5004, 5005, 6661, 6662, 7777, 3200, 24105,
  // Building/industrial protocols often found beside devices: Modbus, S7, MQTT, BACnet/IP over TCP is rare.
  502, 102, 1883, 8883,
] as const

/**
 * Well-known TCP ports scanned by `top`: roughly nmap's top 100 TCP ports (by frequency, nmap-services) plus
 * {@link MEDICAL_TCP_PORTS} and the remote-administration ports the findings care about (Telnet, RDP, VNC, SMB).
 */
export const TOP_TCP_PORTS: readonly number[] = Object.freeze(
  [
    ...new Set([
      7,
      9,
      13,
      21,
      22,
      23,
      25,
      26,
      37,
      53,
      79,
      80,
      81,
      88,
      106,
      110,
      111,
      113,
      119,
      135,
      139,
      143,
      144,
      179,
      199,
      389,
      427,
      443,
      444,
      445,
      465,
      513,
      514,
      515,
      543,
      544,
      548,
      554,
      587,
      631,
      646,
      873,
      990,
      993,
      995,
      1025,
      1026,
      1027,
      1028,
      1029,
      1110,
      1433,
      1720,
      1723,
      1755,
      1900,
      2000,
      2001,
      2049,
      2121,
      2717,
      3000,
      3128,
      3306,
      3389,
      3986,
      4899,
      5009,
      5051,
      5060,
      5101,
      5190,
      5357,
      5432,
      5631,
      5666,
      5800,
      5900,
      5901,
      5902,
      6000,
      6001,
      6646,
      7070,
      8000,
      8008,
      8009,
      8080,
      8081,
      8443,
      8888,
      9090,
      9100,
      9443,
      9999,
      10000,
      32768,
      49152,
      49153,
      49154,
      49155,
      49156,
      49157,
      ...MEDICAL_TCP_PORTS,
    ]),
  ].sort((a, b) => a - b),
)

/** UDP ports scanned by `top`: SNMP (the SNMP probe confirms; the engine alone can only say open|filtered). */
export const TOP_UDP_PORTS: readonly number[] = Object.freeze([161])

/** A parsed port specification: sorted, de-duplicated port numbers per transport. */
export interface PortSet {
  tcp: number[]
  udp: number[]
}

/** Forms accepted by {@link parsePortSpec}, repeated in every error message. */
export const ACCEPTED_PORT_FORMS =
  '"top" (well-known and medical ports), single ports and ranges separated by commas (22,80,100-200), ' +
  '"-" or "1-65535" for every port, and "T:" / "U:" before a list to choose TCP or UDP (T:80,443,U:161); ' +
  'a list without T:/U: also keeps the safe UDP checks (SNMP 161), T:… alone scans TCP only'

/** The same forms in Japanese, for `messageJa`. */
export const ACCEPTED_PORT_FORMS_JA =
  '「top」（よく使われるポートと医療用ポート）、カンマ区切りのポート番号と範囲（22,80,100-200）、' +
  '全ポートは「-」または「1-65535」、TCP/UDP の指定はリストの前に「T:」「U:」（T:80,443,U:161）。' +
  'T:/U: を書かなければ安全な UDP の確認（SNMP 161）も行い、T:… だけなら TCP のみ'

function fail(spec: string, item: string, why: string, whyJa: string): MamoriError {
  return MamoriError.of(
    'PORTS_INVALID',
    { spec, why: { en: why, ja: whyJa }, forms: { en: ACCEPTED_PORT_FORMS, ja: ACCEPTED_PORT_FORMS_JA } },
    [{ where: `port item "${item}"`, message: why, messageJa: whyJa }],
  )
}

function portNumber(spec: string, item: string, text: string): number {
  if (!/^\d{1,5}$/.test(text))
    throw fail(spec, item, `"${text}" is not a port number`, `「${text}」はポート番号ではありません`)
  const n = Number(text)
  if (n < 1 || n > 65535) throw fail(spec, item, `port ${n} is outside 1–65535`, `ポート ${n} は 1〜65535 の範囲外です`)
  return n
}

/**
 * Parses a port specification (nmap-like). Items before any `T:`/`U:` prefix are TCP. `top` adds
 * {@link TOP_TCP_PORTS} (or {@link TOP_UDP_PORTS} after `U:`; a bare `top` adds both). A spec without any
 * `T:`/`U:` prefix also keeps {@link TOP_UDP_PORTS}; `T:…` alone scans TCP only.
 *
 * @throws MamoriError `PORTS_INVALID` repeating the bad item and listing the accepted forms.
 * @example parsePortSpec('22,80,100-102') // { tcp: [22, 80, 100, 101, 102], udp: [161] }
 * @example parsePortSpec('T:22,80') // { tcp: [22, 80], udp: [] }
 * @example parsePortSpec('T:-,U:161') // every TCP port and UDP 161
 */
export function parsePortSpec(spec: string): PortSet {
  const text = spec.trim()
  if (text.length === 0) throw fail(spec, '', 'the port list is empty', 'ポート指定が空です')
  if (text.length > 10_000)
    throw fail(`${text.slice(0, 20)}…`, '', 'the port list is too long', 'ポート指定が長すぎます')
  const tcp = new Set<number>()
  const udp = new Set<number>()
  /** Whether the spec says which transport (T:/U:); if not, the safe UDP checks stay on. */
  let chosen = false
  let current: Transport | null = null
  for (const raw of text.split(',')) {
    let item = raw.trim()
    const prefix = /^([TtUu]):/.exec(item)
    if (prefix) {
      current = prefix[1]!.toUpperCase() === 'T' ? 'tcp' : 'udp'
      chosen = true
      item = item.slice(2).trim()
    }
    if (item.length === 0)
      throw fail(
        spec,
        raw,
        'an empty item (two commas in a row?)',
        '空の項目があります（カンマが二つ続いていませんか）',
      )
    const target = current === 'udp' ? udp : tcp
    if (/^top$/i.test(item)) {
      if (current !== 'udp') for (const p of TOP_TCP_PORTS) tcp.add(p)
      if (current !== 'tcp') for (const p of TOP_UDP_PORTS) udp.add(p)
      continue
    }
    const dash = item.indexOf('-')
    if (dash < 0) {
      target.add(portNumber(spec, raw, item))
      continue
    }
    const lo = dash === 0 ? 1 : portNumber(spec, raw, item.slice(0, dash))
    const hi = dash === item.length - 1 ? 65535 : portNumber(spec, raw, item.slice(dash + 1))
    if (hi < lo)
      throw fail(
        spec,
        raw,
        `the range ${lo}-${hi} ends before it starts`,
        `範囲 ${lo}-${hi} の終わりが始まりより前です`,
      )
    for (let p = lo; p <= hi; p++) target.add(p)
  }
  // A plain list ("1-65535", "22,80") names TCP ports; the UDP checks (SNMP default communities) are not given up
  // silently for it. Only a spec that picks transports (T:1-65535) scans exactly what it names.
  if (!chosen) for (const p of TOP_UDP_PORTS) udp.add(p)
  const sort = (s: Set<number>) => [...s].sort((a, b) => a - b)
  return { tcp: sort(tcp), udp: sort(udp) }
}

/** Service names by well-known port, used until a banner or a probe says better. */
const SERVICES_TCP: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'domain',
  80: 'http',
  81: 'http',
  102: 's7',
  104: 'dicom',
  110: 'pop3',
  111: 'rpcbind',
  135: 'msrpc',
  139: 'smb',
  143: 'imap',
  389: 'ldap',
  443: 'https',
  445: 'smb',
  502: 'modbus',
  515: 'printer',
  554: 'rtsp',
  631: 'ipp',
  993: 'imaps',
  995: 'pop3s',
  1433: 'mssql',
  1883: 'mqtt',
  2100: 'hl7',
  2575: 'hl7',
  2761: 'dicom',
  2762: 'dicom-tls',
  3306: 'mysql',
  3389: 'rdp',
  4242: 'dicom',
  5000: 'hl7',
  5001: 'hl7',
  5002: 'hl7',
  5003: 'hl7',
  5004: 'hl7',
  5005: 'hl7',
  5432: 'postgresql',
  5800: 'http',
  5900: 'vnc',
  5901: 'vnc',
  5902: 'vnc',
  6661: 'hl7',
  6662: 'hl7',
  7777: 'hl7',
  8000: 'http',
  8008: 'http',
  8080: 'http',
  8081: 'http',
  8443: 'https',
  8883: 'mqtt-tls',
  8888: 'http',
  9090: 'http',
  9100: 'jetdirect',
  9443: 'https',
  11112: 'dicom',
  11113: 'dicom',
}

const SERVICES_UDP: Record<number, string> = { 53: 'domain', 67: 'dhcp', 123: 'ntp', 161: 'snmp', 162: 'snmptrap' }

/**
 * Guesses the service name from the port alone ('dicom' for 104, 'hl7' for 2575…), or null. A guess only: the
 * banner grab and the probes correct it.
 */
export function guessService(port: number, transport: Transport = 'tcp'): string | null {
  return (transport === 'udp' ? SERVICES_UDP[port] : SERVICES_TCP[port]) ?? null
}

/**
 * Refines a service guess from an unprompted banner ("SSH-2.0-…", "220 … FTP"), falling back to the port guess.
 */
export function guessServiceFromBanner(port: number, banner: string | null): string | null {
  if (banner) {
    if (banner.startsWith('SSH-')) return 'ssh'
    // Both FTP (RFC 959 §4.2) and SMTP (RFC 5321 §4.2) greet with 220; SMTP servers say so in the greeting.
    if (/^220[ -]/.test(banner)) return /smtp/i.test(banner) || port === 25 ? 'smtp' : 'ftp'
    if (banner.startsWith('RFB ')) return 'vnc'
    // Telnet option negotiation starts with IAC (0xff), shown hex-escaped as \xff in printable banners.
    if (banner.startsWith('\\xff')) return 'telnet'
  }
  return guessService(port, 'tcp')
}
