import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import type { Scan } from '../../../api/discovery.js'
import { SCAN_PROFILES } from '../../../api/discovery.js'
import { ScanService } from '../../services/scan-service.js'
import { DiscoveryRepository } from '../../storage/discovery-repository.js'
import { cliActor } from '../actor.js'
import { EXIT, globals, report, withStorage } from '../context.js'
import { table } from '../table.js'

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info']

function summary(
  scan: Scan,
  hosts: Awaited<ReturnType<DiscoveryRepository['hosts']>>,
  findings: { severity: string }[],
): string {
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
      await withStorage(cmd, async (storage) => {
        const discovery = new DiscoveryRepository(storage.db)
        const service = new ScanService({ db: storage.db, discovery })
        const actor = cliActor()
        const { scan: started, done } = await service.start(
          { targets, profile: opts.profile as 'gentle', ports: opts.ports, confirmLarge: opts.yes === true },
          actor,
        )
        const showBar = !json && process.stderr.isTTY
        const bar = showBar
          ? new cliProgress.SingleBar(
              {
                format: 'scanning [{bar}] {value}/{total} hosts | {open} open | {pps} probes/s | {host}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : null
        bar?.start(started.progress.hostsTotal || 1, 0, { open: 0, pps: 0, host: '' })
        let interrupted = false
        const onSigint = () => {
          interrupted = true
          process.stderr.write('\nStopping the scan (results so far are kept)…\n')
          void service.stop(started.id, actor)
        }
        process.on('SIGINT', onSigint)
        const ticker = setInterval(() => {
          void discovery.scan(started.id).then((s) => {
            bar?.setTotal(s.progress.hostsTotal || 1)
            bar?.update(s.progress.hostsDone, {
              open: s.progress.openPorts,
              pps: s.progress.probesPerSecond.toFixed(1),
              host: s.progress.currentHost ?? '',
            })
          })
        }, 500)
        const finished = await done
        clearInterval(ticker)
        process.off('SIGINT', onSigint)
        bar?.update(finished.progress.hostsDone)
        bar?.stop()
        const hosts = await discovery.hosts(finished.id)
        const findings = (await discovery.findings({ scanId: finished.id, limit: 5000, offset: 0 })).items
        report(cmd, { scan: finished, hosts, findings }, () => summary(finished, hosts, findings))
        if (finished.status === 'failed') process.exitCode = EXIT.failure
        if (interrupted) process.exitCode = EXIT.interrupted
      })
    })
  scan
    .command('stop <scanId>')
    .description('Stop a running scan (started here, in the UI or through the API)')
    .action(async (scanId: string, _o: unknown, cmd: Command) => {
      await withStorage(cmd, async (storage) => {
        const s = await new DiscoveryRepository(storage.db).requestStop(scanId, cliActor())
        report(cmd, s, () => `Scan ${s.id}: ${s.status}.`)
      })
    })
  scan
    .command('list')
    .description('Recent scans')
    .action(async (_o: unknown, cmd: Command) => {
      await withStorage(cmd, async (storage) => {
        const scans = await new DiscoveryRepository(storage.db).scans()
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
      await withStorage(cmd, async (storage) => {
        const discovery = new DiscoveryRepository(storage.db)
        const s = await discovery.scan(scanId)
        const hosts = await discovery.hosts(scanId)
        const findings = (await discovery.findings({ scanId, limit: 5000, offset: 0 })).items
        report(cmd, { scan: s, hosts, findings }, () => summary(s, hosts, findings))
      })
    })
}
