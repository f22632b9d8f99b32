import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { createInterface } from 'node:readline/promises'
import type { Command } from 'commander'
import pc from 'picocolors'
import type { ImportPreview } from '../../../api/import.js'
import { MamoriError } from '../../core/errors.js'
import { unsafeWorkbookError } from '../../importers/zip-check.js'
import { type Progress, planDeviceImport } from '../../services/import-devices.js'
import { cliActor } from '../actor.js'
import { EXIT, globals, withServices } from '../context.js'
import { followJob, progressBar, wantsBar } from '../progress.js'

/** Rows above which a progress bar is shown (on a terminal, without --json). */
const PROGRESS_ROWS = 5_000
/** Problems listed in the terminal; --json lists them all (up to the preview's own limit). */
const SHOWN_PROBLEMS = 50

interface ImportOptions {
  dryRun?: boolean
  yes?: boolean
  lang?: string
}

/** Language of problem messages in the terminal. */
export type MessageLang = 'ja' | 'en'

/**
 * The language for problem messages: `--lang` when given, else Japanese when `LANG` starts with "ja" (ja_JP.UTF-8),
 * else English. Anything but ja/en is a usage error, reported with the accepted values.
 */
export function messageLang(option: string | undefined, envLang: string | undefined): MessageLang {
  if (option === undefined) return envLang?.toLowerCase().startsWith('ja') ? 'ja' : 'en'
  const v = option.trim().toLowerCase()
  if (v === 'ja' || v === 'en') return v
  throw MamoriError.of('IMPORT_BAD_LANG', { lang: option })
}

/** The dry-run preview as text for a terminal; problem reasons (and their labels) in `lang`. */
export function formatPreview(p: ImportPreview, lang: MessageLang = 'en'): string {
  const ja = lang === 'ja'
  const lines: string[] = []
  const enc = p.encoding ? `, ${p.encoding}` : ''
  lines.push(
    p.fatal
      ? `${pc.bold(p.fileName)} (${p.format}${enc}): ${pc.red('cannot be imported / 取り込めません')}`
      : `${pc.bold(p.fileName)} (${p.format}${enc}): ${p.totalRows} data rows`,
  )
  if (!p.fatal) {
    lines.push(
      `  ${pc.green(`create ${p.toCreate}`)} / 新規  ${pc.cyan(`update ${p.toUpdate}`)} / 更新  unchanged ${p.unchanged} / 変更なし  ${p.rejected > 0 ? pc.red(`rejected ${p.rejected}`) : 'rejected 0'} / 除外`,
    )
  }
  if (p.unknownColumns.length > 0) lines.push(`  ignored columns / 無視する列: ${p.unknownColumns.join(', ')}`)
  const shown = p.problems.slice(0, SHOWN_PROBLEMS)
  if (shown.length > 0) {
    lines.push('')
    for (const q of shown) {
      const where = ja
        ? [q.row !== null ? `${q.row} 行目` : null, q.column ? `列「${q.column}」` : null].filter(Boolean).join('、')
        : [q.row !== null ? `row ${q.row}` : null, q.column ? `column "${q.column}"` : null].filter(Boolean).join(', ')
      const shortValue =
        q.value !== null && q.value !== '' ? (q.value.length > 60 ? `${q.value.slice(0, 57)}...` : q.value) : null
      const value = shortValue === null ? '' : ja ? `${where ? '、' : ''}値 "${shortValue}"` : ` value "${shortValue}"`
      const tag = q.severity === 'error' ? pc.red(ja ? 'エラー' : 'error') : pc.yellow(ja ? '警告' : 'warning')
      const at = `${where}${value}`
      // An older server/plan without a Japanese text falls back to English rather than printing nothing.
      const reason = ja && q.messageJa ? q.messageJa : q.message
      lines.push(`  ${tag}${at ? ` ${at}` : ''}: ${reason}`)
    }
    if (p.problems.length > shown.length) {
      const more = p.problems.length - shown.length
      lines.push(ja ? `  … ほか ${more} 件(すべて見るには --json)` : `  … ${more} more (use --json to see all)`)
    }
  }
  return lines.join('\n')
}

/** The planning steps' progress (before any job exists) on the one CLI progress bar. */
function planningBar(enabled: boolean): { onProgress?: Progress; stop(): void } {
  if (!enabled) return { stop() {} }
  const bar = progressBar('import', true)
  return {
    onProgress: (phase, done, total) => bar.update({ phase, done, total }),
    stop: () => bar.stop(),
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await rl.question(`${question} [y/N] `)
    return /^(y|yes|はい)$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}

/**
 * `mamori devices import FILE [--dry-run] [--yes] [--lang ja|en]`: previews the file (counts and every rejected row with row,
 * column, value and reason), asks before writing (or --yes), then imports in one transaction.
 * Exit codes: 0 imported (or a clean dry run); 3 the file is unusable or rows were rejected and nothing was imported;
 * 2 confirmation needed but stdin is not a terminal.
 */
export function registerDevicesImport(devices: Command): void {
  devices
    .command('import')
    .description('Import a device ledger from CSV (UTF-8/Shift_JIS/UTF-16) or Excel .xlsx / 台帳の取り込み')
    .argument('<file>', 'the ledger file (.csv or .xlsx)')
    .option('--dry-run', 'only show what would change; write nothing')
    .option('-y, --yes', 'import without asking (needed when stdin is not a terminal)')
    .option('--lang <lang>', 'language of problem messages: ja or en (default: ja when LANG starts with "ja", else en)')
    .addHelpText(
      'after',
      '\nHeaders may be Japanese or English (資産番号/Asset Tag, IPアドレス/IP Addresses, …).\nDevices are matched by asset tag, then serial number, then MAC address.',
    )
    .action(async (file: string, opts: ImportOptions, cmd: Command) => {
      const json = globals(cmd).json === true
      const lang = messageLang(opts.lang, process.env.LANG)
      const info = await stat(file).catch(() => null)
      if (!info?.isFile()) throw MamoriError.of('FILE_NOT_FOUND', { file })
      if (!opts.dryRun && !opts.yes && !process.stdin.isTTY) {
        process.stderr.write(
          `${pc.red('error')} stdin is not a terminal, so Mamori cannot ask for confirmation. Add --yes to import, or --dry-run to preview only.\n`,
        )
        process.exitCode = EXIT.usage
        return
      }
      // The Buffer itself (a Uint8Array): a copy would hold the file twice while it is planned.
      const bytes: Uint8Array = await readFile(file)
      const unsafe = await unsafeWorkbookError(bytes, basename(file))
      if (unsafe) throw unsafe
      await withServices(cmd, async (services) => {
        const store = services.ports.importStore
        const bar = planningBar(wantsBar(json) && bytes.length > PROGRESS_ROWS * 100)
        let preview: ImportPreview
        let plan: Awaited<ReturnType<typeof planDeviceImport>>
        try {
          plan = await planDeviceImport(store, bytes, { fileName: basename(file), onProgress: bar.onProgress })
          preview = plan.preview
        } finally {
          bar.stop()
        }
        const nothingToDo = preview.toCreate + preview.toUpdate === 0
        if (preview.fatal || opts.dryRun || nothingToDo) {
          if (json) process.stdout.write(`${JSON.stringify({ preview }, null, 2)}\n`)
          else {
            process.stdout.write(`${formatPreview(preview, lang)}\n`)
            if (opts.dryRun && !preview.fatal)
              process.stdout.write('\nDry run: nothing was written. / ドライラン: 何も書き込んでいません。\n')
            else if (!preview.fatal) process.stdout.write('\nNothing to import. / 取り込む変更はありません。\n')
          }
          if (preview.fatal || preview.rejected > 0) process.exitCode = EXIT.invalidInput
          return
        }
        if (!json) process.stdout.write(`${formatPreview(preview, lang)}\n\n`)
        if (!opts.yes) {
          const ok = await confirm(
            `Import ${preview.toCreate} new and ${preview.toUpdate} changed devices? / ${preview.toCreate}件を新規登録、${preview.toUpdate}件を更新しますか？`,
          )
          if (!ok) {
            process.stdout.write('Cancelled: nothing was imported. / 中止しました。\n')
            return
          }
        }
        // The commit runs as a `device-import` job (trigger `cli`, visible in GET /api/jobs); Ctrl-C cancels it and
        // the transaction rolls back, so nothing is written.
        const actor = cliActor()
        const started = await services.imports.start(plan, actor, 'cli')
        const outcome = await followJob(services.jobs, started, {
          bar: progressBar('import', wantsBar(json) && preview.toCreate + preview.toUpdate > PROGRESS_ROWS),
          actor,
          onInterrupt:
            'Cancelling the import (nothing will be written)… / 取り込みを取り消しています（何も書き込みません）…',
        })
        if (outcome.interrupted || outcome.job.state === 'cancelled') {
          process.stdout.write('Cancelled: nothing was imported. / 中止しました。何も取り込んでいません。\n')
          process.exitCode = EXIT.interrupted
          return
        }
        if (outcome.value === undefined) throw outcome.error
        const result = outcome.value
        if (json) process.stdout.write(`${JSON.stringify({ preview, result }, null, 2)}\n`)
        else {
          process.stdout.write(
            `${pc.green('Imported')}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected. / 取り込み完了\n`,
          )
        }
      })
    })
}
