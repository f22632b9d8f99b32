/**
 * The "done when" of issue 12, end to end on the lab: `mamori lab traffic` plays a day of clinical traffic and
 * records it from a real mirror port; the capture is uploaded through the API and analysed passively; then the gentle
 * active scan runs over the same lab. Listening must find the same devices and the same protocol weaknesses the scan
 * finds where they appear in the traffic, plus the communications map. Needs root, the lab's Debian packages and
 * tcpdump.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labUp } from '../../src/lab/runner.js'
import { assertLabPrerequisites, LAB_TRAFFIC_REQUIREMENTS } from '../../src/lab/system.js'
import { LAB_HOSTS, labTopology } from '../../src/lab/topology.js'
import { LAB_WORKSTATION, labTraffic, type TrafficStep } from '../../src/lab/traffic.js'
import { inNamespace, REPO_ROOT, testPrefix, tsNode } from './helpers.js'

const PREFIX = testPrefix('p')
const STATE_DIR = `/var/lib/mamori-lab-test/${PREFIX}`
const topo = labTopology(PREFIX)

interface Finding {
  ruleId: string
  address: string | null
  port: number | null
  evidence: string
  titleJa: string
  titleEn: string
  recommendationJa: string
  deviceId: string | null
}
interface Output {
  capture: {
    status: string
    packets: number
    hosts: number
    problems: unknown[]
    scanId: string | null
    hostList: {
      address: string
      mac: string | null
      protocols: string[]
      deviceId: string | null
      names: { name: string }[]
    }[]
  }
  passiveFindings: Finding[]
  map: {
    nodes: { address: string; deviceId: string | null }[]
    edges: { client: string; server: string; protocol: string | null; serverPort: number }[]
  }
  scan: { status: string }
  activeHosts: { address: string; state: string }[]
  activeFindings: Finding[]
  audit: string[]
}

/**
 * Weaknesses the lab plants that its traffic shows: the CT accepting a wrong called AE title, SMBv1 negotiated,
 * the anonymous FTP login and FTP/Telnet logins in clear, SNMP answering "public". (The infusion server's admin page
 * over plain HTTP is seen as a Basic-auth login in clear: `cleartext-credentials`.)
 */
const HEARD = [
  'dicom-any-aet',
  'smbv1-enabled',
  'ftp-anonymous',
  'ftp-cleartext',
  'telnet-cleartext',
  'snmp-default-community',
]

describe('listening to the lab finds what scanning it finds', () => {
  let out: Output
  let steps: TrafficStep[]

  beforeAll(async () => {
    assertLabPrerequisites({ needDaemons: true })
    assertLabPrerequisites({ needDaemons: true, requirements: LAB_TRAFFIC_REQUIREMENTS })
    await labUp({ prefix: PREFIX, stateDir: STATE_DIR })
    const capture = join(mkdtempSync(join(tmpdir(), 'mamori-lab-cap-')), 'lab-traffic.pcap')
    steps = (await labTraffic({ prefix: PREFIX, stateDir: STATE_DIR, capture })).steps
    const r = await inNamespace(
      topo.scanner.namespace,
      [...tsNode(join(REPO_ROOT, 'test/lab/passive-lab.ts')), capture, topo.scanner.cidr4, topo.scanner.ipv4, PREFIX],
      { timeoutMs: 420_000 },
    )
    if (r.code !== 0) throw new Error(`passive-lab failed (${r.code}): ${r.stderr.slice(-2000)}`)
    out = JSON.parse(r.stdout)
  }, 450_000)

  afterAll(async () => {
    await labDown({ prefix: PREFIX, stateDir: STATE_DIR }).catch(() => undefined)
  }, 30_000)

  it('played every exchange and recorded it', () => {
    expect(steps.filter((s) => !s.ok)).toEqual([])
    expect(out.capture.status).toBe('completed')
    expect(out.capture.packets).toBeGreaterThan(100)
    expect(out.capture.problems).toEqual([])
    expect(out.audit).toEqual(expect.arrayContaining(['capture.import', 'scan.complete']))
  })

  it('hears every device the active scan finds, linked to the same ledger devices', () => {
    const scanned = out.activeHosts.filter((h) => h.state === 'up').map((h) => h.address)
    expect(scanned.sort()).toEqual(topo.hosts.map((h) => h.ipv4).sort())
    const heard = new Map(out.capture.hostList.map((h) => [h.address, h]))
    for (const h of topo.hosts) {
      const host = heard.get(h.ipv4)
      expect(host, `${h.name} heard`).toBeDefined()
      expect(host?.mac, `${h.name} MAC`).toBe(h.mac)
    }
    // The workstation is heard too: it talks, but it is not in the ledger and answers no scan.
    expect(heard.get(LAB_WORKSTATION.ipv4)?.mac).toBe(LAB_WORKSTATION.mac)
    // Every host the ledger has (all but the HL7 gateway, left out on purpose) is linked to its device.
    const linked = out.capture.hostList.filter((h) => h.deviceId).map((h) => h.address)
    expect(linked.sort()).toEqual(
      topo.hosts
        .filter((h) => h.name !== 'hl7-gateway')
        .map((h) => h.ipv4)
        .sort(),
    )
  })

  it('raises the same weaknesses the scan raises, where they cross the wire, with packet evidence', () => {
    for (const ruleId of HEARD) {
      const planted = LAB_HOSTS.find((h) => h.planted.some((w) => w.ruleId === ruleId))
      const address = planted?.ipv4
      const active = out.activeFindings.find((f) => f.ruleId === ruleId && f.address === address)
      const passive = out.passiveFindings.find((f) => f.ruleId === ruleId && f.address === address)
      expect(active, `active ${ruleId}`).toBeDefined()
      expect(passive, `passive ${ruleId} on ${address}`).toBeDefined()
      expect(passive?.evidence).toMatch(/packet \d+/)
      expect(passive?.deviceId).toBe(active?.deviceId)
    }
    // Only heard: logins in clear (user names, never passwords) and DICOM without TLS.
    const creds = out.passiveFindings.filter((f) => f.ruleId === 'cleartext-credentials')
    expect(creds.map((f) => f.address).sort()).toEqual(expect.arrayContaining(['10.77.0.30', '10.77.0.60']))
    for (const f of creds) expect(f.evidence).not.toMatch(/lab-password/)
    expect(out.passiveFindings.some((f) => f.ruleId === 'dicom-without-tls')).toBe(true)
    for (const f of out.passiveFindings) {
      expect(f.titleJa.length, f.ruleId).toBeGreaterThan(0)
      expect(f.recommendationJa.length, f.ruleId).toBeGreaterThan(0)
    }
  })

  it('draws the communications map: who talks to whom, with which protocol', () => {
    const edge = (client: string, server: string) =>
      out.map.edges.find((e) => e.client === client && e.server === server)
    expect(edge('10.77.0.10', '10.77.0.11')?.protocol).toBe('dicom') // CT → PACS
    expect(edge('10.77.0.40', '10.77.0.70')?.protocol).toBe('hl7') // monitor gateway → HL7 engine
    expect(edge(LAB_WORKSTATION.ipv4, '10.77.0.20')?.protocol).toBe('smb')
    expect(edge(LAB_WORKSTATION.ipv4, '10.77.0.30')).toBeDefined()
    const pacs = out.map.nodes.find((n) => n.address === '10.77.0.11')
    expect(pacs?.deviceId).not.toBeNull()
  })
})
