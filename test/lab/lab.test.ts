/**
 * Integration test of the training-hospital lab: needs root and the Debian packages listed in docs/LAB.md
 * (CI installs them). It brings a lab up under its own prefix, checks every port and planted behaviour from
 * inside the scanner namespace, proves the root namespace has no way into the lab, and tears it down.
 * All traffic stays inside the namespaces this test creates.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ipaddr from 'ipaddr.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MamoriError } from '../../src/core/errors.js'
import { PRIVATE_HOST_DIRS } from '../../src/lab/daemons.js'
import { type LabStatus, labDown, labExec, labStatus, labUp } from '../../src/lab/runner.js'
import { assertLabPrerequisites, isAlive } from '../../src/lab/system.js'
import { type LabHost, labTopology } from '../../src/lab/topology.js'
import { exec, inNamespace, ipJson, REPO_ROOT, testPrefix, tsNode } from './helpers.js'
import type { Check, CheckResult } from './lab-client.js'

const PREFIX = testPrefix('a')
const STATE_DIR = `/var/lib/mamori-lab-test/${PREFIX}`
const topo = labTopology(PREFIX)
const scanner = topo.scanner.namespace
const host = (name: string): LabHost => {
  const h = topo.hosts.find((x) => x.name === name)
  if (!h) throw new Error(`no lab host ${name}`)
  return h
}

async function namespaces(): Promise<string[]> {
  return ipJson((await exec(['ip', '-json', 'netns', 'list'])).stdout).map((n) => String(n.name))
}

/** Runs the independent client (test/lab/lab-client.ts) inside the scanner namespace. */
async function client(checks: Check[]): Promise<CheckResult[]> {
  const r = await inNamespace(scanner, [...tsNode(join(REPO_ROOT, 'test/lab/lab-client.ts')), JSON.stringify(checks)])
  if (r.code !== 0) throw new Error(`lab-client failed (${r.code}): ${r.stderr}`)
  return JSON.parse(r.stdout)
}

const inLab = (addr: string) => {
  const a = ipaddr.parse(addr)
  return a.kind() === 'ipv4'
    ? a.match(ipaddr.parseCIDR(topo.scanner.cidr4))
    : a.match(ipaddr.parseCIDR(topo.scanner.cidr6))
}

/** Host paths a daemon would write if it escaped its generated config or its private /run. */
const HOST_PATHS = ['/run/inetd.pid', '/run/sshd.pid', '/run/samba', '/run/vsftpd', '/var/run/snmpd.pid']
const HOST_DIRS = ['/var/log/samba', '/var/lib/samba/private', '/var/cache/samba', '/var/lib/snmp']

function modifiedSince(dir: string, since: number): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs > since)
}

describe('the lab (root, Debian packages)', () => {
  let status: LabStatus
  const startedAt = Date.now()
  const existedBefore = HOST_PATHS.filter((p) => existsSync(p))

  beforeAll(async () => {
    // Fails loudly (not skipped) when not root or a package is missing: CI must run this.
    assertLabPrerequisites({ needDaemons: true })
    mkdirSync('/var/lib/mamori-lab-test', { recursive: true, mode: 0o755 })
    status = await labUp({ prefix: PREFIX, stateDir: STATE_DIR })
  }, 120_000)

  afterAll(async () => {
    // Safety net: whatever failed above, leave no namespace or daemon behind.
    await labDown({ prefix: PREFIX, stateDir: STATE_DIR }).catch(() => undefined)
    await labDown({ prefix: `${PREFIX}x` }).catch(() => undefined)
  }, 30_000)

  it('comes up with every host, daemon and port answering', () => {
    expect(status.up).toBe(true)
    expect(status.hosts.map((h) => h.name)).toEqual(topo.hosts.map((h) => h.name))
    for (const h of status.hosts) {
      expect(h.namespaceExists, h.name).toBe(true)
      for (const d of h.daemons) expect(d.alive, d.id).toBe(true)
    }
  })

  it('gives each host its own namespace, vendor MAC and IPv4/IPv6 address', async () => {
    for (const h of topo.hosts) {
      const links = ipJson((await exec(['ip', '-n', h.namespace, '-json', 'addr', 'show'])).stdout)
      const eth0 = links.find((l) => l.ifname === 'eth0')
      expect(eth0?.address, h.name).toBe(h.mac)
      const addrs = (Array.isArray(eth0?.addr_info) ? eth0.addr_info : []).map((a: { local?: string }) => a.local)
      expect(addrs).toEqual(expect.arrayContaining([h.ipv4, h.ipv6]))
      const lo = links.find((l) => l.ifname === 'lo')
      expect(Array.isArray(lo?.flags) && lo.flags.includes('UP'), `${h.name} lo up`).toBe(true)
    }
  })

  it('opens exactly the expected TCP ports on every host, on IPv4 and (where declared) IPv6', async () => {
    const allTcp = [
      ...new Set(topo.hosts.flatMap((h) => h.ports.filter((p) => p.transport === 'tcp').map((p) => p.port))),
    ]
    const checks: (Check & { kind: 'tcp' })[] = topo.hosts.flatMap((h) =>
      allTcp.flatMap((port) => [
        { kind: 'tcp' as const, address: h.ipv4, port },
        { kind: 'tcp' as const, address: h.ipv6, port },
      ]),
    )
    const results = await client(checks)
    const open = (address: string, port: number) =>
      results[checks.findIndex((c) => c.address === address && c.port === port)]?.ok
    for (const h of topo.hosts) {
      for (const port of allTcp) {
        const decl = h.ports.find((p) => p.transport === 'tcp' && p.port === port)
        expect(open(h.ipv4, port), `${h.name} ${h.ipv4}:${port}`).toBe(decl !== undefined)
        expect(open(h.ipv6, port), `${h.name} [${h.ipv6}]:${port}`).toBe(decl?.families.includes('ipv6') ?? false)
      }
    }
  })

  it('listens on exactly the declared ports inside every host namespace (nothing extra)', async () => {
    for (const h of topo.hosts) {
      const ss = await exec(['ip', 'netns', 'exec', h.namespace, 'ss', '-H', '-l', '-n', '-t', '-u'])
      const listening = new Set(
        ss.stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const cols = line.trim().split(/\s+/)
            return `${cols[0]}/${(cols[4] ?? '').split(':').at(-1)}`
          }),
      )
      expect([...listening].sort(), h.name).toEqual(h.ports.map((p) => `${p.transport}/${p.port}`).sort())
    }
  })

  it('answers SNMP with community "public" only, on IPv4 and IPv6', async () => {
    const gw = host('monitor-gateway')
    // net-snmp's tools keep state (cert_indexes) in /var/lib/snmp, which is the host's: give this client its own.
    const persistent = mkdtempSync(join(tmpdir(), 'mamori-snmp-'))
    const snmpget = (address: string, community: string) =>
      inNamespace(scanner, [
        'env',
        `SNMP_PERSISTENT_DIR=${persistent}`,
        'snmpget',
        '-v2c',
        '-c',
        community,
        '-t',
        '1',
        '-r',
        '0',
        '-Ovq',
        address,
        '1.3.6.1.2.1.1.1.0',
      ])
    const pub = await snmpget(gw.ipv4, 'public')
    expect(pub.stdout).toContain('Central monitor network gateway')
    expect((await snmpget(`udp6:[${gw.ipv6}]`, 'public')).stdout).toContain('Central monitor network gateway')
    const priv = await snmpget(gw.ipv4, 'private')
    expect(priv.code).not.toBe(0)
    expect(`${priv.stdout}${priv.stderr}`).toMatch(/Timeout/)
    rmSync(persistent, { recursive: true, force: true })
  })

  it('plants the DICOM weakness on the modality only: storescp takes any AE title, the PACS does not', async () => {
    const echo = (h: LabHost, port: number, aec: string) =>
      inNamespace(scanner, ['echoscu', '-to', '5', '-aet', 'MAMORI_TEST', '-aec', aec, h.ipv4, String(port)])
    expect((await echo(host('ct-modality'), 104, 'ANY_TITLE_AT_ALL')).code).toBe(0)
    const refused = await echo(host('pacs'), 11112, 'ANY_TITLE_AT_ALL')
    expect(refused.code).not.toBe(0)
    expect(refused.stderr + refused.stdout).toMatch(/Called AE Title Not Recognized/)
    expect((await echo(host('pacs'), 11112, 'PACS_ARCHIVE')).code).toBe(0)
  })

  it('accepts SMBv1 on the analyzer and refuses it on the SMB3 file server', async () => {
    const smb1 = (h: LabHost) =>
      inNamespace(scanner, ['smbclient', '-N', '-L', `//${h.ipv4}`, '-m', 'NT1', '--option=client min protocol=NT1'])
    const analyzer = await smb1(host('lab-analyzer-smb1'))
    expect(analyzer.stdout).toMatch(/results\s+Disk/)
    const files = await smb1(host('file-server-smb3'))
    expect(files.stdout + files.stderr).toMatch(/protocol negotiation failed|No compatible protocol/)
  })

  it('plants anonymous FTP, a Telnet login prompt, a plain-HTTP admin login, and shows SSH and HL7 banners', async () => {
    const ws = host('legacy-workstation')
    const hl7 = host('hl7-gateway')
    const msg = '\x0bMSH|^~\\&|MAMORI_TEST|LAB|X|Y|20260101000000||ADT^A01|T1|P|2.5\r\x1c\r'
    const [ftp, telnet, http, ssh, mllp] = await client([
      { kind: 'ftp-anon', address: ws.ipv4 },
      { kind: 'telnet', address: ws.ipv4 },
      { kind: 'banner', address: host('infusion-server').ipv4, port: 80, send: 'GET / HTTP/1.0\r\n\r\n' },
      { kind: 'banner', address: host('remote-maint').ipv4, port: 22, untilSuffix: '\r\n' },
      { kind: 'banner', address: hl7.ipv6, port: 2575, send: msg, untilSuffix: '\x1c\r' },
    ])
    expect(ftp?.ok, ftp?.text).toBe(true)
    expect(ftp?.text).toMatch(/^220 Imaging workstation FTP/)
    expect(telnet?.ok, telnet?.text).toBe(true)
    expect(telnet?.text).toContain('Imaging workstation IW-2000')
    expect(http?.text).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(http?.text).toMatch(/<input type="password"/)
    expect(http?.text).toMatch(/<title>Infusion Management Server - Administrator Login<\/title>/)
    expect(ssh?.text).toMatch(/^SSH-2\.0-OpenSSH_\S+ .*RemoteService\r\n/)
    expect(mllp?.text.startsWith('\x0bMSH|^~\\&|VITALLINK|MAMORI_TRAINING_HOSP|MAMORI_TEST|LAB|')).toBe(true)
    expect(mllp?.text).toContain('MSA|AA|T1')
  })

  it('isolates the lab: the root namespace has no lab interface, address or route, the lab has no way out', async () => {
    const rootAddrs = ipJson((await exec(['ip', '-json', 'addr', 'show'])).stdout)
    const macs = new Set(topo.hosts.map((h) => h.mac))
    for (const l of rootAddrs) {
      expect(macs.has(String(l.address)), `root has lab MAC on ${l.ifname}`).toBe(false)
      const infos = Array.isArray(l.addr_info) ? l.addr_info : []
      for (const a of infos) expect(inLab(String(a.local)), `root address ${a.local}`).toBe(false)
    }
    for (const family of ['-4', '-6']) {
      const routes = ipJson((await exec(['ip', family, '-json', 'route', 'show', 'table', 'all'])).stdout)
      for (const r of routes) {
        const dst = String(r.dst)
        if (dst === 'default' || !/^[0-9a-f.:]+(\/\d+)?$/i.test(dst)) continue
        const [net, len] = dst.includes('/') ? ipaddr.parseCIDR(dst) : [ipaddr.parse(dst), dst.includes(':') ? 128 : 32]
        // A root route that covers (or sits inside) the lab would be a way in; default is fine (it leads elsewhere).
        const labNet =
          net.kind() === 'ipv4' ? ipaddr.parseCIDR(topo.scanner.cidr4) : ipaddr.parseCIDR(topo.scanner.cidr6)
        const overlaps =
          net.kind() === labNet[0].kind() &&
          (len >= labNet[1] ? net.match(labNet) : labNet[0].match([net, len] as [typeof net, number]))
        expect(overlaps, `root route ${dst}`).toBe(false)
      }
    }
    // Inside the lab: only on-link routes to the lab subnets (and IPv6 link-local), never a default route.
    for (const ns of [scanner, ...topo.hosts.map((h) => h.namespace)]) {
      for (const family of ['-4', '-6']) {
        const routes = ipJson((await exec(['ip', '-n', ns, family, '-json', 'route', 'show'])).stdout)
        for (const r of routes) {
          const dst = String(r.dst)
          expect(dst, `${ns} route`).not.toBe('default')
          expect(r.gateway, `${ns} route via gateway`).toBeUndefined()
          if (!dst.startsWith('fe80:')) expect(inLab(dst.split('/')[0] ?? ''), `${ns} route ${dst}`).toBe(true)
        }
      }
    }
    // Every bridge port's veth peer lives in a lab namespace, not in the root namespace.
    const ports = ipJson((await exec(['ip', '-n', scanner, '-json', 'link', 'show', 'type', 'veth'])).stdout)
    expect(ports.map((p) => p.ifname).sort()).toEqual(topo.hosts.map((h) => h.bridgePort).sort())
    for (const p of ports) {
      expect(p.master).toBe(topo.scanner.bridge)
      expect(p.link_netnsid, `${p.ifname} peer netns`).toBeDefined()
    }
  })

  it("leaves the host's /run, /var/lib, /var/log and /var/cache alone", () => {
    expect(HOST_PATHS.filter((p) => existsSync(p))).toEqual(existedBefore)
    for (const d of HOST_DIRS) expect(modifiedSince(d, startedAt), d).toEqual([])
  })

  it('runs every daemon over private /run, /var/log, /var/cache, /tmp… taken from its own state directory', () => {
    for (const h of status.hosts) {
      for (const d of h.daemons) {
        // mountinfo: id parent major:minor root mountpoint …; a bind mount's root is the source directory.
        const mounts = readFileSync(`/proc/${d.pid}/mountinfo`, 'utf8')
          .split('\n')
          .map((line) => line.split(' '))
          .map(([, , , root, point, , , , type]) => ({ root: root ?? '', point: point ?? '', type }))
        expect(
          mounts.some((m) => m.point === '/run' && m.root === '/'),
          `${d.id} /run`,
        ).toBe(true)
        for (const dir of PRIVATE_HOST_DIRS.filter((x) => existsSync(x))) {
          expect(
            mounts.some((m) => m.point === dir && m.root.endsWith(`/${h.name}/${d.id.split('/')[1]}/host${dir}`)),
            `${d.id} ${dir}`,
          ).toBe(true)
        }
      }
    }
  })

  it('runs commands in the scanner namespace with lab exec and passes their exit code', async () => {
    expect(await labExec(['/bin/sh', '-c', 'exit 7'], { prefix: PREFIX })).toBe(7)
    await expect(labExec(['true'], { prefix: `${PREFIX}x` })).rejects.toMatchObject({ code: 'LAB_NOT_UP' })
  })

  it('reports its state with lab status', async () => {
    const s = await labStatus({ prefix: PREFIX, stateDir: STATE_DIR })
    expect(s.up).toBe(true)
    expect(s.hosts.flatMap((h) => h.ports).every((p) => p.ipv4 !== false && p.ipv6 !== false)).toBe(true)
  })

  it('rebuilds idempotently: a second up replaces every daemon and comes up again', async () => {
    const before = status.hosts.flatMap((h) => h.daemons.map((d) => d.pid))
    const again = await labUp({ prefix: PREFIX, stateDir: STATE_DIR })
    expect(again.up).toBe(true)
    const after = again.hosts.flatMap((h) => h.daemons.map((d) => d.pid))
    for (const pid of before) expect(after).not.toContain(pid)
    for (const pid of before) if (pid !== null) expect(isAlive(pid), `old daemon ${pid}`).toBe(false)
    status = again
  }, 120_000)

  it('refuses a state directory it did not create, and leaves nothing behind', async () => {
    const dir = mkdtempSync('/var/lib/mamori-lab-test/foreign-')
    writeFileSync(join(dir, 'precious.txt'), 'not the lab’s\n')
    try {
      await expect(labUp({ prefix: `${PREFIX}x`, stateDir: dir })).rejects.toMatchObject({
        code: 'LAB_STATE_DIR_IN_USE',
      })
      expect(existsSync(join(dir, 'precious.txt'))).toBe(true)
      expect((await namespaces()).filter((n) => n.startsWith(`${PREFIX}x`))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    await expect(labUp({ prefix: 'Bad Prefix' })).rejects.toBeInstanceOf(MamoriError)
    for (const hiddenFromDaemons of [
      '/run/mamori-lab-test',
      '/var/cache/mamori-lab-test',
      '/var/log/mamori-lab-test',
    ]) {
      await expect(labUp({ prefix: PREFIX, stateDir: hiddenFromDaemons })).rejects.toMatchObject({
        code: 'LAB_BAD_STATE_DIR',
      })
    }
  })

  it('tears down completely: no namespace, no daemon, no state directory', async () => {
    const pids = status.hosts.flatMap((h) => h.daemons.map((d) => d.pid)).filter((p): p is number => p !== null)
    const r = await labDown({ prefix: PREFIX, stateDir: STATE_DIR })
    expect(r.namespaces.sort()).toEqual([scanner, ...topo.hosts.map((h) => h.namespace)].sort())
    const left = (await namespaces()).filter((n) => n === PREFIX || n.startsWith(`${PREFIX}-`))
    expect(left).toEqual([])
    for (const pid of pids) expect(isAlive(pid), `daemon ${pid}`).toBe(false)
    expect(existsSync(STATE_DIR)).toBe(false)
    const s = await labStatus({ prefix: PREFIX, stateDir: STATE_DIR })
    expect(s.up).toBe(false)
    expect(s.scanner.namespaceExists).toBe(false)
  })
})
