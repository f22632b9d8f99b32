import type { CellRef, DeclaredPort, DisclosureProblem } from '../../core/disclosures/disclosure.js'
import { cellProblem } from './problems.js'

/**
 * Ports a manufacturer states in words, as MDS2 CONN answers and notes write them: "TCP 104 (DICOM)",
 * "443/tcp HTTPS", "port 2575 (HL7)", "ports 2575, 5000-5002", "UDP 161 SNMP", "ポート 22(保守用)". Only
 * numbers next to a port or transport word count, so "IEC 62304" or "TLS 1.2" are never read as ports.
 */

/** Largest range expanded into single ports; a wider one is reported instead. */
export const MAX_RANGE = 100

const WELL_KNOWN: Readonly<Record<number, string>> = {
  20: 'FTP',
  21: 'FTP',
  22: 'SSH',
  23: 'Telnet',
  25: 'SMTP',
  53: 'DNS',
  80: 'HTTP',
  104: 'DICOM',
  123: 'NTP',
  161: 'SNMP',
  162: 'SNMP',
  389: 'LDAP',
  443: 'HTTPS',
  445: 'SMB',
  514: 'Syslog',
  636: 'LDAPS',
  2575: 'HL7',
  2762: 'DICOM-TLS',
  3389: 'RDP',
  5900: 'VNC',
  8080: 'HTTP',
  8443: 'HTTPS',
  11112: 'DICOM',
}
const SERVICE_WORDS =
  /\b(DICOM(?:[- ]TLS)?|HL7|HTTPS|HTTP|SSH|SFTP|FTP|Telnet|SNMP|NTP|SMB|CIFS|RDP|VNC|LDAPS|LDAP|Syslog|DNS|SMTP|MLLP)\b/i
const ENCRYPTED = /^(HTTPS|SSH|SFTP|LDAPS|DICOM[- ]TLS)$/i
const CLEARTEXT = /^(HTTP|FTP|Telnet)$/i
const OUTBOUND = /\b(outbound|outgoing|client|connects? to|to the server)\b|送信先|発信|クライアント/i
const INBOUND = /\b(inbound|incoming|listen(?:s|ing)?|server)\b|待ち受け|受信|サーバ/i

// "TCP 104", "TCP/104", "tcp port 104"; "104/tcp"; "port(s) 104, 5000-5002"; "ポート 22".
const LIST = String.raw`(\d{1,5}(?:\s*[-–~〜]\s*\d{1,5})?(?:\s*(?:,|、|and|&|\/)\s*\d{1,5}(?:\s*[-–~〜]\s*\d{1,5})?)*)`
const PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b(tcp|udp)\s*(?:\/|:)?\s*(?:ports?\s*)?(?:no\.?\s*)?${LIST}`, 'gi'),
  /\b(\d{1,5})\s*\/\s*(tcp|udp)\b/gi,
  // Not after "tcp"/"udp": "UDP port 123" is the first pattern's.
  new RegExp(String.raw`(?<!\b(?:tcp|udp)\s{0,3})(?:\bports?|ポート(?:番号)?)\s*(?:no\.?|#|:)?\s*${LIST}`, 'gi'),
]

interface Found {
  ports: DeclaredPort[]
  problems: DisclosureProblem[]
}

function expand(list: string): { ports: number[]; tooLarge: string[] } {
  const ports: number[] = []
  const tooLarge: string[] = []
  for (const part of list.split(/\s*(?:,|、|and|&|\/)\s*/)) {
    const [a, b] = part.split(/\s*[-–~〜]\s*/).map(Number)
    if (a === undefined || !Number.isInteger(a)) continue
    const to = b ?? a
    if (to - a + 1 > MAX_RANGE) tooLarge.push(part)
    else for (let p = a; p <= to; p++) ports.push(p)
  }
  return { ports: ports.filter((p) => p >= 1 && p <= 65535), tooLarge }
}

/** Ports stated in one text (a CONN comment or a note); `at` locates problems. */
export function portsInText(text: string, at: CellRef): Found {
  const t = text.normalize('NFKC')
  const ports: DeclaredPort[] = []
  const problems: DisclosureProblem[] = []
  for (const [i, re] of PATTERNS.entries()) {
    for (const m of t.matchAll(re)) {
      const start = m.index ?? 0
      // Words in the same clause as the match name the service and direction: "TCP 104 (DICOM) inbound, …".
      const after = t.slice(start + m[0].length, start + m[0].length + 40).split(/[;,.、。]/)[0] ?? ''
      const before =
        t
          .slice(Math.max(0, start - 30), start)
          .split(/[;,.、。]/)
          .pop() ?? ''
      const transport = (i === 0 ? m[1] : i === 1 ? m[2] : /\budp\b/i.test(`${before} ${after}`) ? 'udp' : 'tcp')!
      const list = i === 0 ? m[2]! : m[1]!
      const { ports: numbers, tooLarge } = expand(list)
      for (const range of tooLarge)
        problems.push(cellProblem('warning', 'portRangeTooLarge', at, range, { range, max: MAX_RANGE }))
      const named = SERVICE_WORDS.exec(after)?.[1] ?? SERVICE_WORDS.exec(before)?.[1] ?? null
      // Direction words may follow a comma ("(UDP port 123, outbound)"): the sentence decides.
      const sentence = t.slice(start + m[0].length, start + m[0].length + 40).split(/[;.。]/)[0] ?? ''
      const context = `${before} ${m[0]} ${sentence}`
      const direction = OUTBOUND.test(context) && !INBOUND.test(context) ? 'out' : 'in'
      for (const port of numbers) {
        const service = named ? named.toUpperCase().replace(' ', '-') : (WELL_KNOWN[port] ?? null)
        const tls = service ? (ENCRYPTED.test(service) ? true : CLEARTEXT.test(service) ? false : null) : null
        ports.push({
          port,
          transport: transport.toLowerCase() === 'udp' ? 'udp' : 'tcp',
          direction,
          service,
          purpose: null,
          tls,
        })
      }
    }
  }
  return { ports, problems }
}

/** Adds ports not already listed (same port, transport and direction). */
export function mergePorts(into: DeclaredPort[], more: readonly DeclaredPort[]): void {
  for (const p of more)
    if (!into.some((q) => q.port === p.port && q.transport === p.transport && q.direction === p.direction)) into.push(p)
}
