import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { CaptureDetail, CaptureImport } from '../../../api/capture.js'
import { MamoriError } from '../../core/errors.js'
import { findBinary } from '../../lab/system.js'
import { parseDuration, runLiveCapture } from '../../passive/live.js'
import { cliActor } from '../actor.js'
import { EXIT, globals, report, withServices } from '../context.js'
import { followJob, progressBar, wantsBar } from '../progress.js'
import { table } from '../table.js'

/** What an import heard, as text: summary, hosts, problems located, findings with where to look. */
export function captureText(c: CaptureDetail): string {
  const lines = [
    `Capture ${c.label}: ${c.status} — ${c.format ?? 'unknown format'}${c.gzip ? ' (gzip)' : ''}, ${c.packets.toLocaleString('en')} packets, ${c.hosts} hosts, ${c.conversations} conversations, ${c.findings} findings`,
  ]
  if (c.firstSeen) lines.push(`Time: ${c.firstSeen} → ${c.lastSeen}`)
  const hosts = c.hostList.filter((h) => !h.external)
  if (hosts.length > 0)
    lines.push(
      '',
      table([
        ['ADDRESS', 'MAC', 'VENDOR / IDENTIFIED AS', 'NAMES', 'PROTOCOLS', 'LEDGER'],
        ...hosts.map((h) => [
          h.address,
          h.mac ?? '',
          [h.identification?.manufacturer ?? h.vendor, h.identification?.model].filter(Boolean).join(' '),
          h.names
            .map((n) => n.name)
            .slice(0, 3)
            .join(', '),
          h.protocols.join(','),
          h.deviceId ? (h.assetTag ?? 'matched') : 'NOT IN LEDGER',
        ]),
      ]),
    )
  const external = c.hostList.filter((h) => h.external)
  if (external.length > 0)
    lines.push(
      '',
      `Internet addresses talked to: ${external
        .map((h) => h.address)
        .slice(0, 10)
        .join(', ')}`,
    )
  for (const p of c.problems)
    lines.push(`${p.severity === 'fatal' ? 'error' : 'warning'}: ${p.messageEn} / ${p.messageJa}`)
  if (c.findings > 0 && c.scanId)
    lines.push(
      '',
      `Findings: mamori findings --scan ${c.scanId}  (the same findings as a scan; nothing was sent to any device)`,
    )
  return lines.join('\n')
}

export function register(program: Command): void {
  const capture = program
    .command('capture')
    .description(
      'Passive discovery from packet captures and a mirror port: nothing is sent to devices / 通信の記録から検出',
    )

  capture
    .command('import')
    .description('Import a pcap or pcapng file (gzip allowed; detected by content, not by name)')
    .argument('<file>', 'the capture file')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const json = globals(cmd).json === true
      await withServices(cmd, async (services) => {
        const actor = cliActor()
        const started = await services.captures.importFile(resolve(file), actor, { trigger: 'cli' })
        const { value, interrupted } = await followJob(services.jobs, started, {
          bar: progressBar('reading', wantsBar(json)),
          actor,
          onInterrupt: 'Stopping the import (nothing is stored)…',
        })
        const done: CaptureImport = value ?? (await services.captures.get(started.capture.id))
        const detail = await services.captures.get(done.id)
        report(
          cmd,
          {
            capture: { ...detail, hostList: undefined },
            hosts: detail.hostList.map((h) => ({
              address: h.address,
              addresses: { ip: h.address, mac: h.mac },
              mac: h.mac,
              vendor: h.vendor,
              names: h.names,
              protocols: h.protocols,
              services: h.services,
              identification: h.identification,
              deviceId: h.deviceId,
              assetTag: h.assetTag,
              external: h.external,
            })),
          },
          () => captureText(detail),
        )
        if (detail.status === 'failed') process.exitCode = EXIT.invalidInput
        if (interrupted || detail.status === 'cancelled') process.exitCode = EXIT.interrupted
      })
    })

  capture
    .command('live')
    .description('Listen on a mirror (SPAN) port with tcpdump; one capture record per rotation period')
    .requiredOption('--interface <if>', 'the network interface that receives the mirrored traffic')
    .option('--duration <d>', 'stop after this long (30s, 10m, 2h); default: until Ctrl-C')
    .option('--filter <bpf>', 'a tcpdump filter, e.g. "not port 22"')
    .option('--rotate <minutes>', 'store what was heard every N minutes', '15')
    .option('--summary-every <minutes>', 'print a one-line summary every N minutes', '5')
    .action(
      async (
        opts: { interface: string; duration?: string; filter?: string; rotate: string; summaryEvery: string },
        cmd: Command,
      ) => {
        const json = globals(cmd).json === true
        const durationMs = opts.duration === undefined ? undefined : parseDuration(opts.duration)
        const rotate = Number(opts.rotate)
        const every = Number(opts.summaryEvery)
        if (durationMs === null || !(rotate > 0) || !(every > 0))
          throw MamoriError.of('CAPTURE_LIVE_UNAVAILABLE', {
            why: `--duration (${opts.duration}), --rotate (${opts.rotate}) and --summary-every (${opts.summaryEvery}) must be positive, e.g. --duration 10m --rotate 15`,
          })
        if (!findBinary('tcpdump'))
          throw MamoriError.of('CAPTURE_LIVE_UNAVAILABLE', {
            why: 'tcpdump is not installed (Debian: apt-get install tcpdump)',
          })
        await withServices(cmd, async (services) => {
          const actor = cliActor()
          const stored: CaptureImport[] = []
          const abort = new AbortController()
          const onSignal = () => abort.abort()
          process.on('SIGINT', onSignal)
          process.on('SIGTERM', onSignal)
          try {
            const run = await runLiveCapture({
              iface: opts.interface,
              filter: opts.filter ? opts.filter.split(/\s+/).filter(Boolean) : [],
              durationMs,
              rotateMs: rotate * 60_000,
              summaryMs: every * 60_000,
              signal: abort.signal,
              onPeriod: async (result) => {
                const c = await services.captures.importLive(result, opts.interface, actor)
                stored.push(c)
                if (!json)
                  process.stderr.write(
                    `stored ${c.label} #${stored.length}: ${c.packets} packets, ${c.hosts} hosts, ${c.findings} findings\n`,
                  )
              },
              onSummary: (s) => {
                if (!json)
                  process.stderr.write(
                    `listening on ${opts.interface}: ${s.packets} packets, ${s.hosts} hosts so far\n`,
                  )
              },
            })
            if (run.packets === 0 && /permission|not permitted|No such device|doesn't exist/i.test(run.stderr))
              throw MamoriError.of('CAPTURE_LIVE_UNAVAILABLE', {
                why: run.stderr.trim().split('\n').at(-1) ?? 'tcpdump failed',
              })
            report(cmd, { captures: stored, packets: run.packets }, () =>
              [
                `Listened on ${opts.interface}: ${run.packets.toLocaleString('en')} packets in ${stored.length} period(s).`,
                ...stored.map((c) => `  ${c.id}  ${c.packets} packets, ${c.hosts} hosts, ${c.findings} findings`),
              ].join('\n'),
            )
          } finally {
            process.off('SIGINT', onSignal)
            process.off('SIGTERM', onSignal)
          }
        })
      },
    )
}
