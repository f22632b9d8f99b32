import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { TRAFFIC_FORMATS } from '../../../api/capture.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { table } from '../table.js'

export function register(program: Command): void {
  const traffic = program
    .command('traffic')
    .description('What passive capture heard: the communications map / 通信マップ')
  traffic
    .command('map')
    .description('Who talks to whom (protocol, bytes, first/last seen), for everything or one device or segment')
    .option('--device <id>', 'only the conversations of this device (id or asset tag)')
    .option('--segment <name>', "only the conversations of this ledger segment's devices")
    .option('--format <format>', `one of ${TRAFFIC_FORMATS.join(', ')}`)
    .option('--limit <n>', 'the busiest N conversations', '2000')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      async (
        opts: { device?: string; segment?: string; format?: string; limit: string; out?: string },
        cmd: Command,
      ) => {
        const format = opts.format ?? 'json'
        if (!(TRAFFIC_FORMATS as readonly string[]).includes(format))
          throw MamoriError.of('INVALID_INPUT', {
            problems: `--format must be one of ${TRAFFIC_FORMATS.join(', ')} (got "${format}")`,
          })
        const limit = Number(opts.limit)
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
          throw MamoriError.of('INVALID_INPUT', { problems: `--limit must be 1–100000 (got "${opts.limit}")` })
        await withServices(cmd, async ({ captures }) => {
          const q = { device: opts.device, segment: opts.segment, limit }
          if (format === 'csv' || format === 'graphml') {
            const file = await captures.exportMap(q, format, cliActor())
            if (opts.out) writeFileSync(opts.out, file.body)
            else process.stdout.write(file.body)
            return
          }
          const map = await captures.trafficMap(q)
          const label = new Map(map.nodes.map((n) => [n.address, n.label]))
          if (opts.out) {
            writeFileSync(opts.out, `${JSON.stringify(map, null, 2)}\n`)
            return
          }
          // `--format json` prints JSON like the global --json does.
          const asJson = opts.format === 'json'
          const print = () =>
            map.edges.length === 0
              ? 'No traffic heard yet. Import a capture: mamori capture import FILE'
              : [
                  table([
                    ['CLIENT', 'SERVER', 'PROTOCOL', 'PACKETS', 'BYTES', 'LAST SEEN'],
                    ...map.edges.map((e) => [
                      label.get(e.client) ?? e.client,
                      label.get(e.server) ?? e.server,
                      `${e.protocol ?? e.transport}/${e.serverPort}`,
                      String(e.packets),
                      String(e.bytes),
                      e.lastSeen,
                    ]),
                  ]),
                  map.truncated ? `(the busiest ${map.edges.length} of ${map.totalEdges})` : '',
                ].join('\n')
          if (asJson) process.stdout.write(`${JSON.stringify(map, null, 2)}\n`)
          else report(cmd, map, print)
        })
      },
    )
}
