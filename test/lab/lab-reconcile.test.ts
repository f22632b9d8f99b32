/**
 * Issue 3's reconciliation, end to end on the lab through the real API: the lab ledger leaves one host out and has
 * one device switched off; a scan must match every registered host by MAC, list the unregistered one for review,
 * report the switched-off one as not seen, flag an undeclared open port, and add the unknown host in one step.
 * Needs root and the lab's Debian packages.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAB_OFFLINE_DEVICE, LAB_UNREGISTERED_HOST } from '../../src/lab/ledger.js'
import { labDown, labUp } from '../../src/lab/runner.js'
import { assertLabPrerequisites } from '../../src/lab/system.js'
import { labTopology } from '../../src/lab/topology.js'
import { inNamespace, REPO_ROOT, testPrefix, tsNode } from './helpers.js'

const PREFIX = testPrefix('r')
const STATE_DIR = `/var/lib/mamori-lab-test/${PREFIX}`
const topo = labTopology(PREFIX)

interface Output {
  scan: { status: string; progress: { refused: { target: string; reason: string }[] } }
  reconciliation: {
    matched: { address: string; matchedBy: string; assetTag: string | null }[]
    unknownHosts: { address: string; identification: { manufacturer: string | null } | null }[]
    missingDevices: { assetTag: string | null }[]
  }
  findings: { ruleId: string; address: string; port: number | null; evidence: string; recommendationJa: string }[]
  added: {
    status: number
    device: { assetTag: string | null; ipAddresses: string[]; manufacturer: string | null; tags: string[] }
  } | null
  after: { unknownHosts: unknown[]; matched: unknown[] }
  audit: string[]
  disclosures: {
    legacy: ObservedTable
    infusion: ObservedTable
    legacyFindings: { source: string; ruleId: string; evidence: string; titleJa: string }[]
  }
}

interface ObservedTable {
  linkState: string | null
  lastScannedAt: string | null
  rows: { port: number; transport: string; status: string; observed: { address: string }[] }[]
}

describe('reconciling a scan of the lab with its ledger (API)', () => {
  let out: Output

  beforeAll(async () => {
    assertLabPrerequisites({ needDaemons: true })
    await labUp({ prefix: PREFIX, stateDir: STATE_DIR })
    const r = await inNamespace(
      topo.scanner.namespace,
      [
        ...tsNode(join(REPO_ROOT, 'test/lab/reconcile-lab.ts')),
        topo.scanner.cidr4,
        topo.scanner.ipv4,
        'standard',
        PREFIX,
      ],
      { timeoutMs: 280_000 },
    )
    if (r.code !== 0) throw new Error(`reconcile-lab failed (${r.code}): ${r.stderr.slice(-2000)}`)
    out = JSON.parse(r.stdout)
  }, 300_000)

  afterAll(async () => {
    await labDown({ prefix: PREFIX, stateDir: STATE_DIR }).catch(() => undefined)
  }, 30_000)

  it('completes inside the approved scope and skips the excluded scanner', () => {
    expect(out.scan.status).toBe('completed')
    expect(out.scan.progress.refused).toContainEqual({
      target: topo.scanner.ipv4,
      reason: 'excluded (exclusion list: the scanner itself)',
    })
    expect(out.audit).toEqual(expect.arrayContaining(['scan.start', 'scan.complete']))
  })

  it('matches every registered lab host by its MAC address', () => {
    const registered = topo.hosts.filter((h) => h.name !== LAB_UNREGISTERED_HOST).map((h) => h.ipv4)
    expect(out.reconciliation.matched.map((m) => m.address).sort()).toEqual(registered.sort())
    expect(new Set(out.reconciliation.matched.map((m) => m.matchedBy))).toEqual(new Set(['mac']))
  })

  it('lists the unregistered host for review and the switched-off device as not seen', () => {
    const hl7 = topo.hosts.find((h) => h.name === LAB_UNREGISTERED_HOST)!
    expect(out.reconciliation.unknownHosts.map((h) => h.address)).toEqual([hl7.ipv4])
    expect(out.reconciliation.unknownHosts[0]?.identification?.manufacturer).toBeTruthy()
    expect(out.reconciliation.missingDevices.map((d) => d.assetTag)).toEqual([LAB_OFFLINE_DEVICE.assetTag])
  })

  it('flags the port the manufacturer did not declare, with evidence and advice', () => {
    const ws = topo.hosts.find((h) => h.name === 'legacy-workstation')!
    const f = out.findings.find((x) => x.ruleId === 'undeclared-open-port' && x.address === ws.ipv4)
    expect(f?.evidence).toContain('23')
    expect(f?.recommendationJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
  })

  it("compares each scanned device with its model's declaration (issue 8)", () => {
    const ws = topo.hosts.find((h) => h.name === 'legacy-workstation')!
    const pump = topo.hosts.find((h) => h.name === 'infusion-server')!
    const statusOf = (t: ObservedTable) => Object.fromEntries(t.rows.map((r) => [`${r.port}/${r.transport}`, r.status]))
    expect(out.disclosures.legacy.linkState).toBe('confirmed')
    expect(out.disclosures.legacy.lastScannedAt).not.toBeNull()
    expect(statusOf(out.disclosures.legacy)).toEqual({
      '21/tcp': 'declared-seen',
      '23/tcp': 'undeclared-open',
      '990/tcp': 'declared-unseen',
    })
    expect(statusOf(out.disclosures.infusion)).toEqual({ '80/tcp': 'cleartext-where-tls' })
    expect(out.disclosures.infusion.rows[0]?.observed.map((o) => o.address)).toEqual([pump.ipv4])
    const undeclared = out.findings.find((x) => x.ruleId === 'undeclared-open-port' && x.address === ws.ipv4)
    expect(undeclared?.port).toBe(23)
    const cleartext = out.findings.find((x) => x.ruleId === 'cleartext-where-tls-declared')
    expect(cleartext).toMatchObject({ address: pump.ipv4, port: 80 })
    // The MDS2 on file for the workstation's model became findings on it, each citing a question id.
    const fromForm = out.disclosures.legacyFindings.filter((f) => f.source === 'disclosure')
    expect(fromForm.length).toBeGreaterThan(0)
    for (const f of fromForm.filter((x) => x.ruleId !== 'support-end-before-service-life'))
      expect(f.evidence).toMatch(/[A-Z]{3,4}-\d/)
  })

  it('adds the unknown host to the ledger in one step', () => {
    const hl7 = topo.hosts.find((h) => h.name === LAB_UNREGISTERED_HOST)!
    expect(out.added?.status).toBe(201)
    expect(out.added?.device.ipAddresses).toEqual([hl7.ipv4])
    expect(out.added?.device.tags).toContain('discovered')
    expect(out.after.unknownHosts).toEqual([])
    expect(out.after.matched).toHaveLength(topo.hosts.length)
  })
})
