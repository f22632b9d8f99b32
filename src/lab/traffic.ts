/**
 * Everyday clinical traffic in the lab, optionally recorded from a mirror port: what passive discovery (issue 12)
 * is tested and benchmarked on. A nurse workstation joins the lab's bridge in its own namespace and uses the lab's
 * devices the way staff do (DHCP at boot, DICOM echo and store, SMB shares, FTP and Telnet logins, SNMP polling, the
 * infusion server's web page, an SSH session's greeting), the CT sends to the PACS and the central monitor sends
 * HL7 results to the interface engine.
 *
 * The recording is a real SPAN port: every bridge port's ingress is mirrored (tc u32 + mirred) to a veth pair in
 * the scanner namespace, where tcpdump writes a pcap. Each frame is seen exactly once, as a switch's
 * mirror port would show it. Everything happens inside the lab's own namespaces: nothing reaches the machine's
 * network.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MamoriError } from '../core/errors.js'
import { ipBinary, listNamespaces } from './namespaces.js'
import { type LabOptions, labNodeEntry, resolveLabOptions } from './runner.js'
import { assertLabPrerequisites, LAB_PATH, LAB_TRAFFIC_REQUIREMENTS, run } from './system.js'
import type { LabTopology } from './topology.js'

/** The workstation that plays the staff: its namespace suffix, bridge port, MAC (an Intel NIC OUI) and address. */
export const LAB_WORKSTATION = {
  suffix: 'ws',
  bridgePort: 'vhws',
  mac: '00:1b:21:4d:00:c8',
  ipv4: '10.77.0.200',
  hostName: 'NURSE-WS01',
} as const

const SPAN = 'mspan'
const SPAN_RX = 'mspanrx'

export interface TrafficStep {
  name: string
  from: string
  to: string
  ok: boolean
  detail: string
}

export interface TrafficResult {
  steps: TrafficStep[]
  /** The pcap written, or null when none was asked for. */
  capture: string | null
}

/** Namespace of the workstation for this lab. */
export function workstationNamespace(topo: LabTopology): string {
  return `${topo.prefix}-${LAB_WORKSTATION.suffix}`
}

/**
 * Runs the lab's everyday traffic once (about 15 s) and, with `capture`, records it from the mirror port to that
 * pcap file. The lab must be up. Steps that fail are reported, not fatal: a capture with one exchange missing is
 * still a capture.
 */
export async function labTraffic(
  opts: LabOptions & { capture?: string; onStep?: (s: TrafficStep) => void } = {},
): Promise<TrafficResult> {
  const { topo, stateDir } = resolveLabOptions(opts)
  if (!(await listNamespaces()).has(topo.scanner.namespace))
    throw MamoriError.of('LAB_NOT_UP', { prefix: topo.prefix, namespace: topo.scanner.namespace })
  const capture = opts.capture ? resolve(opts.capture) : null
  assertLabPrerequisites({
    needDaemons: true,
    requirements: LAB_TRAFFIC_REQUIREMENTS.filter((r) => capture || r.binary !== 'tcpdump'),
  })
  const dir = join(stateDir, 'traffic')
  mkdirSync(dir, { recursive: true })
  await removeWorkstation(topo)
  await addWorkstation(topo)
  let tcpdump: ChildProcess | null = null
  const steps: TrafficStep[] = []
  try {
    if (capture) tcpdump = await startMirror(topo, capture)
    for (const step of plan(topo, dir)) {
      const r = await step.run().then(
        (out) => ({ ok: true, detail: out.trim().split('\n').at(-1) ?? '' }),
        (err: unknown) => ({ ok: step.mayFail === true, detail: err instanceof Error ? err.message : String(err) }),
      )
      const done = { name: step.name, from: step.from, to: step.to, ...r, detail: r.detail.slice(0, 300) }
      steps.push(done)
      opts.onStep?.(done)
    }
  } finally {
    if (tcpdump) await stopMirror(topo, tcpdump, capture)
    await removeWorkstation(topo)
  }
  return { steps, capture }
}

interface PlannedStep {
  name: string
  from: string
  to: string
  /** True for exchanges whose client exits non-zero by design (DHCP without a server, a refused store). */
  mayFail?: boolean
  run(): Promise<string>
}

function plan(topo: LabTopology, dir: string): PlannedStep[] {
  const ws = workstationNamespace(topo)
  const host = (name: string) => {
    const h = topo.hosts.find((x) => x.name === name)
    if (!h) throw new Error(`lab host ${name} is not in the topology`)
    return h
  }
  const ct = host('ct-modality')
  const pacs = host('pacs')
  const smb1 = host('lab-analyzer-smb1')
  const smb3 = host('file-server-smb3')
  const legacy = host('legacy-workstation')
  const monitor = host('monitor-gateway')
  const maint = host('remote-maint')
  const infusion = host('infusion-server')
  const hl7 = host('hl7-gateway')
  const inNs = (ns: string, argv: string[], timeoutMs = 20_000) =>
    run(ipBinary(), ['netns', 'exec', ns, ...argv], { timeoutMs })
  const client = (ns: string, kind: string, ip: string, port: number, ...rest: string[]) =>
    inNs(ns, [...labNodeEntry('clients/main'), kind, ip, String(port), ...rest])
  const dcm = join(dir, 'ct-image.dcm')
  return [
    {
      name: 'dhcp-discover',
      from: LAB_WORKSTATION.hostName,
      to: 'broadcast',
      mayFail: true, // the lab has no DHCP server: the workstation asks and gives up, as at a boot without one
      run: () =>
        inNs(ws, [
          'busybox',
          'udhcpc',
          '-i',
          'eth0',
          '-n',
          '-q',
          '-t',
          '2',
          '-T',
          '1',
          '-s',
          '/bin/true',
          '-x',
          `hostname:${LAB_WORKSTATION.hostName}`,
          '-V',
          'MSFT 5.0',
        ]),
    },
    {
      name: 'dicom-echo',
      from: LAB_WORKSTATION.hostName,
      to: ct.name,
      run: () => inNs(ws, ['echoscu', '-aet', 'NURSE_WS', '-aec', 'CT_SCANNER01', ct.ipv4, '104']),
    },
    {
      // A viewer configured with the wrong called AE title: the CT accepts it anyway (the planted weakness).
      name: 'dicom-echo-wrong-aet',
      from: LAB_WORKSTATION.hostName,
      to: ct.name,
      run: () => inNs(ws, ['echoscu', '-aet', 'NURSE_WS', '-aec', 'ANY-SCP', ct.ipv4, '104']),
    },
    {
      name: 'dicom-store',
      from: ct.name,
      to: pacs.name,
      mayFail: true, // the lab's PACS is read-only: the association is accepted, the store is refused
      run: async () => {
        await makeDicomFile(dcm)
        return inNs(ct.namespace, ['storescu', '-aet', 'CT_SCANNER01', '-aec', 'PACS_ARCHIVE', pacs.ipv4, '11112', dcm])
      },
    },
    {
      name: 'smb1-share-list',
      from: LAB_WORKSTATION.hostName,
      to: smb1.name,
      mayFail: true,
      run: () => inNs(ws, ['smbclient', '-L', `//${smb1.ipv4}`, '-N', '-m', 'NT1', '--option=client min protocol=NT1']),
    },
    {
      name: 'smb3-login',
      from: LAB_WORKSTATION.hostName,
      to: smb3.name,
      mayFail: true, // the user does not exist on the lab's file server: NTLM still crosses the wire
      run: () =>
        inNs(ws, ['smbclient', '-L', `//${smb3.ipv4}`, '-U', 'nurse01%lab-password-3', '-W', 'WARD3', '-m', 'SMB3']),
    },
    {
      name: 'ftp-logins',
      from: LAB_WORKSTATION.hostName,
      to: legacy.name,
      run: () => client(ws, 'ftp', legacy.ipv4, 21),
    },
    {
      name: 'telnet-login',
      from: LAB_WORKSTATION.hostName,
      to: legacy.name,
      run: () => client(ws, 'telnet', legacy.ipv4, 23),
    },
    {
      name: 'snmp-poll',
      from: LAB_WORKSTATION.hostName,
      to: monitor.name,
      run: () =>
        inNs(ws, [
          'snmpget',
          '-v2c',
          '-c',
          'public',
          '-t',
          '2',
          '-r',
          '0',
          monitor.ipv4,
          '1.3.6.1.2.1.1.1.0',
          '1.3.6.1.2.1.1.5.0',
        ]),
    },
    {
      name: 'ssh-greeting',
      from: LAB_WORKSTATION.hostName,
      to: maint.name,
      run: () => client(ws, 'ssh', maint.ipv4, 22),
    },
    {
      name: 'http-admin',
      from: LAB_WORKSTATION.hostName,
      to: infusion.name,
      run: async () => {
        const agent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Mamori-lab'
        await inNs(ws, ['curl', '-s', '-o', '/dev/null', '-A', agent, `http://${infusion.ipv4}/`])
        return inNs(ws, [
          'curl',
          '-s',
          '-o',
          '/dev/null',
          '-A',
          agent,
          '-u',
          'admin:lab-password-4',
          `http://${infusion.ipv4}/`,
        ])
      },
    },
    {
      name: 'hl7-results',
      from: monitor.name,
      to: hl7.name,
      run: () => client(monitor.namespace, 'hl7', hl7.ipv4, 2575),
    },
  ]
}

/** A tiny, fictional CT image (no patient): what storescu sends. Written with dcmtk's dump2dcm. */
async function makeDicomFile(path: string): Promise<void> {
  if (existsSync(path)) return
  const dump = `${path}.dump`
  writeFileSync(
    dump,
    [
      '(0008,0016) UI =CTImageStorage',
      '(0008,0018) UI [1.2.826.0.1.3680043.8.498.12012026.1.1]',
      '(0008,0060) CS [CT]',
      '(0010,0010) PN [TRAINING^DUMMY]',
      '(0010,0020) LO [LAB-PATIENT-0001]',
      '(0020,000d) UI [1.2.826.0.1.3680043.8.498.12012026.1]',
      '(0020,000e) UI [1.2.826.0.1.3680043.8.498.12012026.1.0]',
      '(0028,0010) US 2',
      '(0028,0011) US 2',
      '(0028,0100) US 16',
      '(7fe0,0010) OW 0000\\0000\\0000\\0000',
      '',
    ].join('\n'),
  )
  await run('dump2dcm', ['+te', '--write-file', dump, path])
}

async function addWorkstation(topo: LabTopology): Promise<void> {
  const ip = ipBinary()
  const ns = workstationNamespace(topo)
  const s = topo.scanner
  await run(ip, ['netns', 'add', ns])
  await run(ip, ['-n', ns, 'link', 'set', 'lo', 'up'])
  await run(ip, [
    '-n',
    s.namespace,
    'link',
    'add',
    LAB_WORKSTATION.bridgePort,
    'type',
    'veth',
    'peer',
    'name',
    'eth0',
    'netns',
    ns,
  ])
  await run(ip, ['-n', s.namespace, 'link', 'set', LAB_WORKSTATION.bridgePort, 'master', s.bridge, 'up'])
  await run(ip, ['-n', ns, 'link', 'set', 'eth0', 'address', LAB_WORKSTATION.mac])
  await run(ip, ['-n', ns, 'addr', 'add', `${LAB_WORKSTATION.ipv4}/24`, 'dev', 'eth0'])
  await run(ip, ['-n', ns, 'link', 'set', 'eth0', 'up'])
}

async function removeWorkstation(topo: LabTopology): Promise<void> {
  const ns = workstationNamespace(topo)
  if (!(await listNamespaces()).has(ns)) return
  const pids = (await run(ipBinary(), ['netns', 'pids', ns]).catch(() => '')).split(/\s+/).filter(Boolean)
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL')
    } catch {
      // already gone
    }
  }
  // Deleting the namespace deletes its veth end, and with it the bridge port.
  await run(ipBinary(), ['netns', 'delete', ns])
}

/** Bridge ports (one per lab host plus the workstation) whose ingress the mirror copies. */
function bridgePorts(topo: LabTopology): string[] {
  return [...topo.hosts.map((h) => h.bridgePort), LAB_WORKSTATION.bridgePort]
}

async function startMirror(topo: LabTopology, file: string): Promise<ChildProcess> {
  const ip = ipBinary()
  const ns = topo.scanner.namespace
  // The mirror port is a veth pair: frames mirrored out of SPAN arrive on SPAN_RX, where tcpdump listens, as on
  // the analyser's NIC at a switch's SPAN port. Neither end has an address or IPv6, so neither adds frames of its own.
  await run(ip, ['-n', ns, 'link', 'del', SPAN]).catch(() => '')
  await run(ip, ['-n', ns, 'link', 'add', SPAN, 'type', 'veth', 'peer', 'name', SPAN_RX])
  for (const dev of [SPAN, SPAN_RX]) {
    await run(ip, ['netns', 'exec', ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`])
    await run(ip, ['-n', ns, 'link', 'set', dev, 'up'])
  }
  for (const port of bridgePorts(topo)) {
    await run(ip, ['netns', 'exec', ns, 'tc', 'qdisc', 'replace', 'dev', port, 'clsact'])
    await run(ip, [
      'netns',
      'exec',
      ns,
      'tc',
      'filter',
      'add',
      'dev',
      port,
      'ingress',
      'protocol',
      'all',
      'u32',
      'match',
      'u32',
      '0',
      '0',
      'action',
      'mirred',
      'egress',
      'mirror',
      'dev',
      SPAN,
    ])
  }
  const child = spawn(ip, ['netns', 'exec', ns, 'tcpdump', '-i', SPAN_RX, '-n', '-U', '-s', '0', '-w', file], {
    env: { ...process.env, PATH: LAB_PATH },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  // tcpdump says "listening on …" once its socket is open: only then does the traffic start.
  await new Promise<void>((ok, fail) => {
    let err = ''
    const timer = setTimeout(() => fail(new Error(`tcpdump did not start: ${err}`)), 10_000)
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString()
      if (/listening on/.test(err)) {
        clearTimeout(timer)
        ok()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`tcpdump exited (${code}): ${err.trim()}`))
    })
  })
  return child
}

async function stopMirror(topo: LabTopology, child: ChildProcess, file: string | null): Promise<void> {
  // Let the last frames through the mirror and into the file before stopping (SIGINT drops what tcpdump has not read
  // from the kernel yet): wait until the file has not grown for a second, at most ten seconds.
  let size = -1
  for (let waited = 0; waited < 10_000; waited += 1000) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = file && existsSync(file) ? statSync(file).size : 0
    if (now === size) break
    size = now
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGINT')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  const ip = ipBinary()
  const ns = topo.scanner.namespace
  for (const port of bridgePorts(topo))
    await run(ip, ['netns', 'exec', ns, 'tc', 'qdisc', 'del', 'dev', port, 'clsact']).catch(() => '')
  await run(ip, ['-n', ns, 'link', 'del', SPAN]).catch(() => '')
}
