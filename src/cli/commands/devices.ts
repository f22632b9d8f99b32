import type { Command } from 'commander'
import { DEVICE_KINDS, DEVICE_STATUSES, type Device } from '../../../api/device.js'
import { report, withServices } from '../context.js'
import { table } from '../table.js'
import { registerDevicesExport } from './devices-export.js'
import { registerDevicesImport } from './devices-import.js'

export function register(program: Command): void {
  const devices = program.command('devices').description('The device ledger / 機器台帳')
  devices
    .command('list')
    .description('List devices (filters as in the UI)')
    .option('-q, --query <text>', 'full-text search')
    .option('--kind <kind>', `one of ${DEVICE_KINDS.join(', ')}`)
    .option('--status <status>', `one of ${DEVICE_STATUSES.join(', ')}`)
    .option('--department <name>', 'department / ward')
    .option('--expired <what>', 'service_life or support: only devices past that date')
    .option('--limit <n>', 'rows to show', '100')
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      await withServices(cmd, async ({ devices }) => {
        const page = await devices.list({
          q: opts.query,
          kind: opts.kind as Device['kind'] | undefined,
          status: opts.status as Device['status'] | undefined,
          department: opts.department,
          expired: opts.expired as 'service_life' | 'support' | undefined,
          limit: Number(opts.limit),
        })
        report(cmd, page, () =>
          page.items.length === 0
            ? 'No devices match. / 該当する機器はありません。'
            : `${table([
                ['ASSET TAG', 'DEPARTMENT', 'CATEGORY', 'MANUFACTURER', 'MODEL', 'IP', 'OS', 'STATUS'],
                ...page.items.map((d) => [
                  d.assetTag ?? '',
                  d.department ?? '',
                  d.category,
                  d.manufacturer ?? '',
                  d.model ?? '',
                  d.ipAddresses.join(','),
                  [d.os, d.osVersion].filter(Boolean).join(' '),
                  d.status,
                ]),
              ])}\n${page.items.length} of ${page.total} devices`,
        )
      })
    })
  registerDevicesImport(devices)
  registerDevicesExport(devices)
}
