import type { Command } from 'commander'
import type { Scan, ScanHost } from '../../../api/discovery.js'
import { SCAN_PROFILES } from '../../../api/discovery.js'
import type { Services } from '../../services/index.js'
import { cliActor } from '../actor.js'
import { EXIT, globals, report, withServices } from '../context.js'
import { followJob, progressBar, wantsBar } from '../progress.js'
import { table } from '../table.js'

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info']

function summary(scan: Scan, hosts: ScanHost[], findings: { severity: string }[]): string {
  const up = hosts.filter((h) => h.state === 'up')
  const bySeverity = SEVERITY_ORDER.map((s) => `${s} ${findings.filter((f) => f.severity === s).length}`).join(', ')
  const lines = [
    `Scan ${scan.id} ${scan.status} (${scan.profile}): ${up.length} hosts up, ${scan.progress.openPorts} open ports, ${findings.length} findings (${bySeverity}).`,
  ]
  if (up.length > 0) {
    lines.push(
      table([
        ['ADDRESS', 'MAC', 'IDENTIFIED AS', 'OPEN PORTS', 'LEDGER'],
        ...up.map((h) => [
          h.address,
          h.mac ?? '',
          [h.identification?.manufacturer, h.identification?.model].filter(Boolean).join(' '),
          h.services
            .filter((s) => s.state === 'open')
            .map((s) => `${s.port}${s.transport === 'udp' ? '/udp' : ''}`)
            .join(','),
          h.deviceId ? 'matched' : 'NOT IN LEDGER',
        ]),
      ]),
    )
  }
  for (const r of scan.progress.refused) lines.push(`skipped ${r.target}: ${r.reason}`)
  if (!hosts.every((h) => h.complete))
    lines.push('Some hosts were not finished: their results are partial (marked incomplete).')
  return lines.join('\n')
}

export function register(program: Command): void {
  const scan = program.command('scan').description('Safe active discovery inside approved scopes / 安全なスキャン')
  scan
    .command('run', { isDefault: true })
    .description('Scan targets (e.g. mamori scan 10.1.2.0/24 --profile gentle)')
    .argument('<targets...>', 'addresses, CIDRs or ranges inside approved scopes')
    .option('--profile <profile>', `one of ${SCAN_PROFILES.join(', ')}`, 'gentle')
    .option(
      '--ports <spec>',
      'ports: "top" (default), "22,80,100-200", "-" for 1-65535; T:/U: pick TCP/UDP (T:1-65535,U:161). Without T:/U: the UDP SNMP check stays on',
    )
    .option('--yes', 'confirm a scan larger than the confirmation threshold')
    .action(async (targets: string[], opts: { profile: string; ports?: string; yes?: boolean }, cmd: Command) => {
      const json = globals(cmd).json === true
      await withServices(cmd, async (services) => {
        const actor = cliActor()
        // A `scan` job with trigger `cli`: it shows in GET /api/jobs, and the UI or another terminal can cancel it.
        const started = await services.scans.start(
          { targets, profile: opts.profile as 'gentle', ports: opts.ports, confirmLarge: opts.yes === true },
          actor,
          { trigger: 'cli' },
        )
        const { value: finished, interrupted } = await followJob(services.jobs, started, {
          bar: progressBar('scanning', wantsBar(json)),
          actor,
          onInterrupt: 'Stopping the scan (results so far are kept)…',
        })
        const scan = finished ?? (await services.scans.get(started.scan.id))
        const { hosts, findings } = await resultsOf(services, scan.id)
        report(cmd, { scan, hosts, findings }, () => summary(scan, hosts, findings))
        if (scan.status === 'failed') process.exitCode = EXIT.failure
        if (interrupted) process.exitCode = EXIT.interrupted
      })
    })
  scan
    .command('stop <scanId>')
    .description('Stop a running scan (started here, in the UI or through the API)')
    .action(async (scanId: string, _o: unknown, cmd: Command) => {
      await withServices(cmd, async (services) => {
        // Cancels the scan's job: the process running it (server or another terminal) stops on its next heartbeat.
        const s = await services.scans.stop(scanId, cliActor())
        report(cmd, s, () => `Scan ${s.id}: ${s.status}.`)
      })
    })
  scan
    .command('list')
    .description('Recent scans')
    .action(async (_o: unknown, cmd: Command) => {
      await withServices(cmd, async (services) => {
        const scans = await services.scans.list()
        report(cmd, scans, () =>
          scans.length === 0
            ? 'No scans yet.'
            : table([
                ['ID', 'STATUS', 'PROFILE', 'TARGETS', 'BY', 'STARTED', 'HOSTS UP', 'FINDINGS'],
                ...scans.map((s) => [
                  s.id,
                  s.status,
                  s.profile,
                  s.targets.join(' '),
                  s.requestedBy ?? '',
                  s.startedAt ?? '',
                  String(s.progress.hostsUp),
                  String(s.progress.findings),
                ]),
              ]),
        )
      })
    })
  scan
    .command('show <scanId>')
    .description('Hosts, open ports and findings of one scan')
    .action(async (scanId: string, _o: unknown, cmd: Command) => {
      await withServices(cmd, async (services) => {
        const s = await services.scans.get(scanId)
        const { hosts, findings } = await resultsOf(services, scanId)
        report(cmd, { scan: s, hosts, findings }, () => summary(s, hosts, findings))
      })
    })
}

/** The hosts and findings of one scan, for the summary and --json. */
async function resultsOf(services: Services, scanId: string) {
  const { discovery } = services.ports
  const hosts = await discovery.hosts(scanId)
  const findings = (await discovery.findings({ scanId, limit: 5000, offset: 0 })).items
  return { hosts, findings }
}
