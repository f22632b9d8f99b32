import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { normalizeMac } from '../core/address.js'
import type {
  HostObservation,
  PortState,
  ProbeObservation,
  ServiceObservation,
  Transport,
} from '../core/discovery/observation.js'
import { canonicalAddress } from '../core/discovery/targets.js'
import { epoch, isNode, type Node, nodes, scriptObservation, str, text } from './nmap-xml-nodes.js'

export { decodeEntities } from './nmap-xml-nodes.js'

/**
 * nmap XML (`nmap -oX`) into the same observations our own engine produces, so that imported scans feed
 * identification, findings, reconciliation and drift alike. Pure: bytes in, hosts and located problems out. A file
 * cut short (nmap stopped mid-scan) keeps every complete host and says where it ended.
 *
 * Layout: nmap.dtd (xmloutputversion 1.05): nmaprun > host > status, address*, hostnames > hostname*, ports >
 * (extraports*, port*), hostscript > script*; port > state, service > cpe*, script* ; script > (elem | table)*.
 */

/** A problem in the file, located as precisely as the parser allows. */
export interface ImportProblem {
  /** 'line 12, column 5 (byte 340)' or 'host 10.0.0.5, port 80/tcp'. */
  where: string
  message: string
  severity: 'error' | 'warning'
}

/** An imported host: the shared observation plus what nmap knows and our model keeps elsewhere. */
export interface NmapHost extends HostObservation {
  /** Vendor nmap derived from the MAC address (its own OUI table). */
  macVendor: string | null
  /** Host scripts (smb-protocols, …) as probe observations. */
  hostScripts: ProbeObservation[]
}

export interface NmapRunInfo {
  args: string | null
  version: string | null
  startedAt: string | null
  finishedAt: string | null
  /** Scan types (connect, syn, udp…) from the scaninfo elements. */
  scanTypes: string[]
}

export interface NmapImport {
  hosts: NmapHost[]
  problems: ImportProblem[]
  run: NmapRunInfo | null
  /** False when the file was truncated or nmap did not finish: hosts listed are complete, others may be missing. */
  complete: boolean
}

/** Files larger than this are refused (a scan of a /16 with scripts stays far below). */
export const MAX_NMAP_XML_BYTES = 200 * 1024 * 1024

/** nmap's service names mapped to the names our probes and rules use; others are kept as nmap wrote them. */
const SERVICE_NAMES: Record<string, string> = {
  'microsoft-ds': 'smb',
  'netbios-ssn': 'smb',
  'ms-wbt-server': 'rdp',
  'http-proxy': 'http',
  'http-alt': 'http',
  'https-alt': 'https',
  'ssl/http': 'https',
  'ssl/https': 'https',
  'dicom-tls': 'dicom-tls',
  hl7: 'hl7',
}

const ARRAY_TAGS = new Set([
  'host',
  'address',
  'hostname',
  'port',
  'script',
  'elem',
  'table',
  'cpe',
  'scaninfo',
  'extraports',
])

/** Byte offset → 'line L, column C (byte B)', for messages a person can follow in an editor. */
function locate(text: string, offset: number): string {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return `line ${line}, column ${end - lineStart + 1} (byte ${offset})`
}

function lineColToOffset(text: string, line: number, col: number): number {
  let l = 1
  let i = 0
  while (l < line && i < text.length) {
    if (text.charCodeAt(i) === 10) l++
    i++
  }
  return Math.min(text.length, i + Math.max(0, col - 1))
}

function decode(input: string | Uint8Array): string {
  if (typeof input === 'string') return input
  return new TextDecoder('utf-8', { fatal: false }).decode(input)
}

/** Looks at the first bytes: is this nmap XML? */
export function sniffNmapXml(head: Uint8Array | string): boolean {
  const text = decode(typeof head === 'string' ? head.slice(0, 2048) : head.subarray(0, 2048))
  return /<nmaprun[\s>]/.test(text) || (/<\?xml/.test(text) && /<!DOCTYPE nmaprun/.test(text))
}

const STATES: Record<string, PortState> = {
  open: 'open',
  closed: 'closed',
  filtered: 'filtered',
  'open|filtered': 'open|filtered',
  'closed|filtered': 'filtered',
  unfiltered: 'filtered',
}

/**
 * Parses nmap XML. Never throws: unreadable input gives no hosts and an error problem; a truncated file gives the
 * hosts it holds completely, a warning saying where it ends, and complete=false.
 *
 * @example
 * const { hosts, problems } = parseNmapXml(readFileSync('scan.xml'))
 */
export function parseNmapXml(input: string | Uint8Array): NmapImport {
  const problems: ImportProblem[] = []
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > MAX_NMAP_XML_BYTES) {
    return fatal(`The file is ${size} bytes; at most ${MAX_NMAP_XML_BYTES} bytes of nmap XML can be imported.`, 'file')
  }
  let xml = decode(input)
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1)
  if (!/<nmaprun[\s>]/.test(xml)) {
    return fatal('This is not nmap XML output: there is no <nmaprun> element. Save nmap output with -oX FILE.', 'file')
  }
  // nmap never declares entities; a file that does is not nmap's and may be an entity-expansion bomb.
  const entity = xml.search(/<!ENTITY/i)
  if (entity >= 0) return fatal('The file declares XML entities, which nmap output never does.', locate(xml, entity))

  let complete = true
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: true })
  if (valid !== true) {
    const at = lineColToOffset(xml, valid.err.line, valid.err.col)
    // The usual cause is a scan that was stopped: every host up to the last </host> is whole. Keep those.
    const lastHostEnd = xml.lastIndexOf('</host>')
    const runStart = xml.search(/<nmaprun[\s>]/)
    const recovered = lastHostEnd > runStart ? `${xml.slice(0, lastHostEnd + '</host>'.length)}\n</nmaprun>\n` : null
    if (recovered !== null && XMLValidator.validate(recovered, { allowBooleanAttributes: true }) === true) {
      problems.push({
        where: locate(xml, at),
        message:
          `The file is damaged or ends early (${valid.err.msg}). Hosts up to ${locate(xml, lastHostEnd)} were imported; ` +
          'anything after that was not. Was the scan stopped before it finished?',
        severity: 'warning',
      })
      xml = recovered
      complete = false
    } else {
      return {
        hosts: [],
        problems: [{ where: locate(xml, at), message: `The XML cannot be read: ${valid.err.msg}.`, severity: 'error' }],
        run: null,
        complete: false,
      }
    }
  }

  let doc: unknown
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      allowBooleanAttributes: true,
      parseAttributeValue: false,
      parseTagValue: false,
      processEntities: false,
      isArray: (name) => ARRAY_TAGS.has(name),
      maxNestedTags: 64,
    })
    doc = parser.parse(xml)
  } catch (e) {
    return fatal(`The XML cannot be read: ${e instanceof Error ? e.message : String(e)}.`, 'file')
  }
  const run = isNode(doc) ? doc.nmaprun : undefined
  if (!isNode(run)) return fatal('There is no <nmaprun> element at the top of the file.', 'file')

  const finished = nodes(isNode(run.runstats) ? run.runstats.finished : undefined)[0]
  if (complete && !finished) {
    complete = false
    problems.push({
      where: 'end of file',
      message: 'nmap did not record that the scan finished (no <runstats>): some hosts may be missing.',
      severity: 'warning',
    })
  }
  const info: NmapRunInfo = {
    args: str(run, 'args'),
    version: str(run, 'version'),
    startedAt: epoch(str(run, 'start')),
    finishedAt: epoch(str(finished, 'time')),
    scanTypes: nodes(run.scaninfo)
      .map((s) => str(s, 'type'))
      .filter((s): s is string => s !== null),
  }

  const hosts: NmapHost[] = []
  nodes(run.host).forEach((h, index) => {
    const host = readHost(h, index, problems)
    if (host) hosts.push(host)
  })
  return { hosts, problems, run: info, complete }

  function fatal(message: string, where: string): NmapImport {
    return { hosts: [], problems: [{ where, message, severity: 'error' }], run: null, complete: false }
  }
}

function readHost(h: Node, index: number, problems: ImportProblem[]): NmapHost | null {
  const addresses = nodes(h.address)
  let address: string | null = null
  let mac: string | null = null
  let macVendor: string | null = null
  for (const a of addresses) {
    const type = str(a, 'addrtype')
    const value = str(a, 'addr')
    if (!value) continue
    if ((type === 'ipv4' || type === 'ipv6') && address === null) address = canonicalAddress(value)
    else if (type === 'mac') {
      mac = normalizeMac(value)
      macVendor = str(a, 'vendor')
    }
  }
  const where = `host #${index + 1}`
  if (!address) {
    problems.push({ where, message: 'This host has no valid IPv4/IPv6 address and was skipped.', severity: 'warning' })
    return null
  }
  const status = nodes(h.status)[0]
  const state = str(status, 'state') === 'up' ? 'up' : 'down'
  const names = nodes(isNode(h.hostnames) ? h.hostnames.hostname : undefined)
  const user = names.find((n) => str(n, 'type') === 'user') ?? names[0]
  const services: ServiceObservation[] = []
  const portsNode = isNode(h.ports) ? h.ports : undefined
  nodes(portsNode?.port).forEach((p, i) => {
    const s = readPort(p)
    if (typeof s === 'string') {
      problems.push({ where: `host ${address}, port element #${i + 1}`, message: s, severity: 'warning' })
    } else services.push(s)
  })
  const hostscript = isNode(h.hostscript) ? h.hostscript : undefined
  const hostScripts = nodes(hostscript?.script)
    .map(scriptObservation)
    .filter((o): o is ProbeObservation => o !== null)
  return {
    address,
    mac,
    macVendor,
    hostname: str(user, 'name'),
    state,
    upReason: state === 'up' ? 'nmap' : null,
    services,
    complete: true,
    hostScripts,
  }
}

function readPort(p: Node): ServiceObservation | string {
  const proto = str(p, 'protocol')
  const portText = str(p, 'portid')
  if (proto !== 'tcp' && proto !== 'udp') return `Protocol "${proto ?? ''}" is not TCP or UDP; the port was skipped.`
  const transport: Transport = proto
  const port = portText && /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN
  if (!(port >= 1 && port <= 65535)) return `Port number "${portText ?? ''}" is not 1–65535; the port was skipped.`
  const stateText = str(nodes(p.state)[0], 'state') ?? ''
  const state = STATES[stateText]
  if (!state) return `Port ${port}/${transport} has an unknown state "${stateText}"; it was skipped.`
  const svc = nodes(p.service)[0]
  const rawName = str(svc, 'name')
  const tunnel = str(svc, 'tunnel')
  const name = rawName ? (SERVICE_NAMES[tunnel ? `${tunnel}/${rawName}` : rawName] ?? rawName) : null
  const probes: ProbeObservation[] = []
  if (svc && (str(svc, 'product') || str(svc, 'version') || str(svc, 'method') === 'probed')) {
    const facts: Record<string, unknown> = {}
    for (const k of [
      'name',
      'product',
      'version',
      'extrainfo',
      'ostype',
      'devicetype',
      'hostname',
      'tunnel',
      'method',
    ]) {
      const v = str(svc, k)
      if (v !== null) facts[k] = v
    }
    const cpe = (Array.isArray(svc.cpe) ? svc.cpe : []).map(text).filter(Boolean)
    if (cpe.length > 0) facts.cpe = cpe
    const conf = str(svc, 'conf')
    if (conf !== null && /^\d+$/.test(conf)) facts.confidence = Number(conf)
    const evidence = [str(svc, 'product'), str(svc, 'version'), str(svc, 'extrainfo')].filter(Boolean).join(' ')
    probes.push({ probeId: 'nmap:service', outcome: 'observed', facts, evidence })
  }
  let banner: string | null = null
  for (const s of nodes(p.script)) {
    const o = scriptObservation(s)
    if (!o) continue
    probes.push(o)
    if (o.probeId === 'nmap:banner') banner = o.evidence
  }
  return { port, transport, state, service: name, banner, probes }
}

/**
 * The importer object for the import registry (STYLE §c): sniff the head, parse the bytes.
 */
export const nmapXmlImporter = {
  id: 'nmap-xml',
  label: 'nmap XML output (nmap -oX)',
  sniff: (head: Uint8Array) => sniffNmapXml(head),
  parse: (input: Uint8Array) => {
    const r = parseNmapXml(input)
    return { records: r.hosts, problems: r.problems }
  },
} as const
