import type { Command } from 'commander'
import { LAB_OFFLINE_DEVICE, LAB_UNREGISTERED_HOST, labLedger } from '../../lab/ledger.js'
import { type LabHostStatus, type LabStatus, labDown, labExec, labStatus, labUp } from '../../lab/runner.js'
import { DEFAULT_LAB_PREFIX, labTopology } from '../../lab/topology.js'
import { labTraffic } from '../../lab/traffic.js'
import { cliActor } from '../actor.js'
import { globals, report, withServices } from '../context.js'
import { table } from '../table.js'

interface LabCliOptions {
  prefix?: string
  stateDir?: string
}

const portCell = (h: LabHostStatus) =>
  h.ports
    .map((p) => {
      const states = [p.ipv4, p.ipv6].filter((s) => s !== null)
      const mark = states.every((s) => s) ? '' : states.some((s) => s) ? ' (partly down)' : ' (down)'
      return `${p.port}/${p.transport}${mark}`
    })
    .join(' ')

/** The table `lab up` and `lab status` print. */
function labTable(status: LabStatus): string {
  const head = ['HOST', 'IPv4', 'IPv6', 'MAC', 'VENDOR (OUI)', 'PORTS', 'PLANTED']
  const rows = status.hosts.map((h) => [
    h.namespaceExists ? h.name : `${h.name} (no namespace)`,
    h.ipv4,
    h.ipv6,
    h.mac,
    h.vendor.length > 28 ? `${h.vendor.slice(0, 27)}…` : h.vendor,
    portCell(h),
    h.planted.join(', ') || '-',
  ])
  return table([head, ...rows])
}

const hint = (status: LabStatus) => {
  const prefix = status.prefix === DEFAULT_LAB_PREFIX ? '' : ` --prefix ${status.prefix}`
  return [
    `Scanner namespace: ${status.scanner.namespace} (${status.scanner.ipv4}, ${status.scanner.ipv6}) on bridge ${status.scanner.bridge}.`,
    `Scan it / スキャン: mamori lab exec${prefix} -- npx mamori scan ${status.scanner.cidr4} --profile gentle`,
    `The lab is reachable only from its own namespaces; stop it with: mamori lab down${prefix}`,
  ].join('\n')
}

export function register(program: Command): void {
  const lab = program
    .command('lab')
    .description(
      'The training hospital: real servers posing as medical devices in network namespaces (root) / 訓練用の模擬病院',
    )
  const common = (c: Command) =>
    c
      .option('--prefix <name>', 'namespace prefix (default mamori-lab)')
      .option('--state-dir <dir>', 'configs, pids and logs (default /var/lib/mamori-lab/<prefix>)')

  common(lab.command('up'))
    .description('Build the lab (tears down leftovers first) and wait until every port answers / ラボを起動')
    .action(async (opts: LabCliOptions, cmd: Command) => {
      const quiet = globals(cmd).json === true
      const status = await labUp({
        ...opts,
        onProgress: quiet ? undefined : (m) => process.stderr.write(`${m}\n`),
      })
      report(
        cmd,
        status,
        () => `${labTable(status)}\n\nLab up in ${(status.elapsedMs / 1000).toFixed(1)} s.\n${hint(status)}`,
      )
    })

  common(lab.command('down'))
    .description('Stop every lab daemon and delete the namespaces, bridge and veths / ラボを停止')
    .action(async (opts: LabCliOptions, cmd: Command) => {
      const r = await labDown(opts)
      report(cmd, r, () =>
        r.namespaces.length
          ? `Lab "${r.prefix}" is down: ${r.namespaces.length} namespaces deleted, ${r.killed} processes stopped.`
          : `Lab "${r.prefix}" was not running.`,
      )
    })

  common(lab.command('status'))
    .description('Show which lab hosts and ports are up / ラボの状態')
    .action(async (opts: LabCliOptions, cmd: Command) => {
      const status = await labStatus(opts)
      report(cmd, status, () =>
        status.scanner.namespaceExists
          ? `${labTable(status)}\n\n${status.up ? 'All hosts and ports are up.' : 'Some hosts or ports are down: run `mamori lab up` to rebuild.'}`
          : `Lab "${status.prefix}" is not running. Start it with: mamori lab up`,
      )
      if (!status.up) process.exitCode = 1
    })

  lab
    .command('ledger')
    .description(
      'Register the lab devices in the ledger (one left out, one switched off) to practise reconciliation / ラボ機器を台帳に登録',
    )
    .option('--prefix <name>', 'namespace prefix (default mamori-lab)')
    .action(async (opts: LabCliOptions, cmd: Command) => {
      await withServices(cmd, async ({ devices }) => {
        const wanted = labLedger(labTopology(opts.prefix ?? DEFAULT_LAB_PREFIX))
        const existing = new Set(
          (await devices.list({ siteId: 'training-lab', limit: 1000 })).items.map((d) => d.assetTag),
        )
        const created = await devices.createMany(
          wanted.filter((d) => !existing.has(d.assetTag)),
          cliActor(),
        )
        report(cmd, { created: created.length, alreadyThere: wanted.length - created.length }, () =>
          [
            `Registered ${created.length} lab devices in the ledger (site training-lab)${existing.size ? `; ${wanted.length - created.length} were already there` : ''}.`,
            `Left out on purpose: ${LAB_UNREGISTERED_HOST} (a scan lists it as not in the ledger). ${LAB_OFFLINE_DEVICE.assetTag} at ${LAB_OFFLINE_DEVICE.ipv4} is switched off (a scan reports it as not seen).`,
          ].join('\n'),
        )
      })
    })

  common(lab.command('traffic'))
    .description(
      'Play a day of clinical traffic in the lab (DICOM, HL7, SMB, FTP/Telnet logins, SNMP, HTTP, SSH, DHCP), recorded from a mirror port with --capture / ラボで日常の通信を再現',
    )
    .option('--capture <file>', 'write what the mirror port saw to this pcap file (needs tcpdump)')
    .action(async (opts: LabCliOptions & { capture?: string }, cmd: Command) => {
      const result = await labTraffic({ ...opts, capture: opts.capture })
      report(cmd, result, () =>
        [
          ...result.steps.map(
            (s) => `${s.ok ? '✓' : '✗'} ${s.name.padEnd(22)} ${s.from} → ${s.to}${s.ok ? '' : `: ${s.detail}`}`,
          ),
          result.capture
            ? `\nRecorded to ${result.capture}. Import it without touching a device: mamori capture import ${result.capture}`
            : '',
        ].join('\n'),
      )
      if (result.steps.some((s) => !s.ok)) process.exitCode = 1
    })

  common(lab.command('exec'))
    .description('Run a command inside the scanner namespace, e.g. `mamori lab exec -- npx mamori scan 10.77.0.0/24`')
    .argument('<command...>', 'the command and its arguments (put them after --)')
    .action(async (argv: string[], opts: LabCliOptions) => {
      process.exitCode = await labExec(argv, opts)
    })
}
