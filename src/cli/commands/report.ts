import { writeFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { Command } from 'commander'
import { MamoriError } from '../../core/errors.js'
import type { ReportFile } from '../../services/reports/index.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang } from '../files.js'

type Lang = 'ja' | 'en'

function checkLang(lang: string): Lang {
  if (lang !== 'ja' && lang !== 'en') throw MamoriError.of('INVALID_INPUT', { problems: `--lang ${lang}: ja or en` })
  return lang
}

/** The format from --format, else from the file's extension; only those the report offers. */
function checkFormat(out: string, format: string | undefined, allowed: readonly ('pdf' | 'docx')[]): 'pdf' | 'docx' {
  const chosen = (format ?? extname(out).slice(1)).toLowerCase() || 'pdf'
  if (!allowed.includes(chosen as 'pdf'))
    throw MamoriError.of('INVALID_INPUT', {
      problems: `--format ${chosen}: this report is written as ${allowed.join(' or ')}`,
    })
  return chosen as 'pdf' | 'docx'
}

async function written(cmd: Command, out: string, file: ReportFile, lang: Lang): Promise<void> {
  await writeFile(out, file.body)
  report(cmd, { file: out, bytes: file.body.length, format: file.format }, () =>
    lang === 'ja'
      ? `${out} に書き出しました（${file.body.length} バイト）`
      : `Wrote ${out} (${file.body.length} bytes)`,
  )
}

/** `mamori report management|inspection|device-card …` (issue 10): the reports as files, each audited as an export. */
export function register(program: Command): void {
  const r = program
    .command('report')
    .description(
      'Reports for management and inspections, and device cards / 経営層向け報告・立入検査用資料・機器カード',
    )

  r.command('management')
    .description('The management report (経営層向け): headline risk, trend, top actions, checklist, benchmark')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .option('--format <format>', 'pdf or docx (default: from the --out extension, else pdf)')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (opts: { lang: string; format?: string; out: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      const format = checkFormat(opts.out, opts.format, ['pdf', 'docx'])
      await withServices(cmd, async ({ reports }) => {
        await written(cmd, opts.out, await reports.management(lang, format, cliActor()), lang)
      })
    })

  r.command('inspection')
    .description('The inspection pack (立入検査): the MHLW checklist with evidence and the ledger summary')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .option('--format <format>', 'pdf', 'pdf')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (opts: { lang: string; format: string; out: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      checkFormat(opts.out, opts.format, ['pdf'])
      await withServices(cmd, async ({ reports }) => {
        await written(cmd, opts.out, await reports.inspection(lang, cliActor()), lang)
      })
    })

  r.command('device-card')
    .description('The one-page device card (PDF)')
    .argument('<device>', 'device id or asset tag')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .requiredOption('--out <file>', 'where to write it')
    .action(async (device: string, opts: { lang: string; out: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      checkFormat(opts.out, 'pdf', ['pdf'])
      await withServices(cmd, async ({ reports }) => {
        await written(cmd, opts.out, await reports.deviceCard(device, lang, cliActor()), lang)
      })
    })
}
