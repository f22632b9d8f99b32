import type { Command } from 'commander'
import { DEVICE_KINDS, DEVICE_STATUSES, type Device } from '../../../api/device.js'
import { DeviceRepository } from '../../storage/device-repository.js'
import { report, withStorage } from '../context.js'
import { registerDevicesExport } from './devices-export.js'
import { registerDevicesImport } from './devices-import.js'

/** A plain fixed-width table for terminals (CJK characters count double). */
export function table(rows: string[][]): string {
  const width = (s: string) =>
    [...s].reduce(
      (w, ch) =>
        w +
        (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
          ? 2
          : 1),
      0,
    )
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))))
  return rows
    .map((r) =>
      r
        .map((c, i) => c + ' '.repeat(widths[i]! - width(c)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

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
      await withStorage(cmd, async (storage) => {
        const page = await new DeviceRepository(storage.db).list({
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
