import { writeFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { Command } from 'commander'
import { DEVICE_KINDS, DEVICE_STATUSES, deviceListQuery } from '../../../api/device.js'
import { MamoriError } from '../../core/errors.js'
import { type ExportFormat, exportDevices } from '../../services/export-devices.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'

interface ExportOptions {
  format?: string
  lang?: string
  query?: string
  kind?: string
  status?: string
  department?: string
}

/**
 * `mamori devices export FILE [--format csv|xlsx] [--lang ja|en]`: the ledger (optionally filtered as in the UI) as
 * CSV (UTF-8 with BOM, opens in Japanese Excel) or .xlsx. The format defaults to the file's extension.
 */
export function registerDevicesExport(devices: Command): void {
  devices
    .command('export')
    .description('Export the device ledger to CSV or Excel / 台帳の書き出し')
    .argument('<file>', 'output file (.csv or .xlsx)')
    .option('--format <format>', 'csv or xlsx (default: from the file extension, else csv)')
    .option('--lang <lang>', 'header language: ja or en', 'ja')
    .option('-q, --query <text>', 'full-text search')
    .option('--kind <kind>', `one of ${DEVICE_KINDS.join(', ')}`)
    .option('--status <status>', `one of ${DEVICE_STATUSES.join(', ')}`)
    .option('--department <name>', 'department / ward')
    .action(async (file: string, opts: ExportOptions, cmd: Command) => {
      const ext = extname(file).toLowerCase().slice(1)
      const format = opts.format ?? (ext === 'xlsx' ? 'xlsx' : 'csv')
      if (format !== 'csv' && format !== 'xlsx') {
        throw MamoriError.of('EXPORT_BAD_FORMAT', { format })
      }
      const lang = opts.lang ?? 'ja'
      if (lang !== 'ja' && lang !== 'en') throw MamoriError.of('EXPORT_BAD_LANG', { lang })
      const filters = deviceListQuery.omit({ limit: true, offset: true }).safeParse({
        q: opts.query,
        kind: opts.kind,
        status: opts.status,
        department: opts.department,
      })
      if (!filters.success) {
        const bad = filters.error.issues.map((i) => ({ where: `--${String(i.path[0])}`, message: i.message }))
        // zod's reasons are English: the Japanese text names the options.
        const problems = {
          en: bad.map((d) => `${d.where}: ${d.message}`).join('; '),
          ja: bad.map((d) => d.where).join('、'),
        }
        throw MamoriError.of('EXPORT_BAD_FILTER', { problems })
      }
      const fmt: ExportFormat = format
      await withServices(cmd, async ({ devices, audit }) => {
        const out = await exportDevices((q) => devices.list(q), filters.data, fmt, lang)
        await writeFile(file, out.body)
        const count = out.count
        await audit.record(cliActor(), {
          action: 'export.devices',
          after: { format: fmt, lang, filters: filters.data, devices: count, file },
        })
        report(
          cmd,
          { file, format: fmt, lang, devices: count, bytes: out.body.length },
          () => `Exported ${count} devices to ${file} (${fmt}, ${lang} headers). / ${count}件を書き出しました。`,
        )
      })
    })
}
