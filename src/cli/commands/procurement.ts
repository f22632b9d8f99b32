import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { Bid } from '../../../api/procurement.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, fileError, readInput } from '../files.js'
import { table } from '../table.js'

const bad = (problems: string) => MamoriError.of('INVALID_INPUT', { problems })

/** Writes a file the user named; an existing one is kept unless --force (then replaced). */
async function writeOut(path: string, bytes: Buffer, force: boolean): Promise<void> {
  try {
    await writeFile(path, bytes, { flag: force ? 'w' : 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw bad(
        `${path}: the file already exists; add --force to replace it / ファイルが既にあります。置き換えるには --force を付けてください`,
      )
    throw fileError(path, err)
  }
}

function checkLang(lang: string): 'ja' | 'en' {
  if (lang !== 'ja' && lang !== 'en') throw bad(`--lang ${lang}: ja or en`)
  return lang
}

export function bidRows(items: readonly Bid[], ja: boolean): string[][] {
  return [
    ja
      ? ['ID', '案件', '応札者', '製造販売業者', '機種', '得点', '回答', '必須の不足']
      : ['ID', 'TENDER', 'VENDOR', 'MANUFACTURER', 'MODEL', 'SCORE', 'ANSWERED', 'MANDATORY GAPS'],
    ...items.map((b) => [
      b.id,
      b.tender,
      b.vendor,
      b.manufacturer,
      b.model,
      `${b.score.percent}%`,
      `${b.score.answered}/${b.score.total}`,
      b.score.mandatoryGaps.join(', '),
    ]),
  ]
}

/** `mamori procurement …` (issue 11 part 1, ADR 0039). */
export function register(program: Command): void {
  const p = program
    .command('procurement')
    .description('Procurement requirements, bids and their comparison / 調達要件・応札・比較')

  p.command('requirements')
    .description('Write the requirement sheet to attach to a tender (.xlsx with an answer column, or PDF)')
    .requiredOption('--out <file>', 'the file to write')
    .option('--format <format>', 'xlsx or pdf (default: from the --out extension)')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--bid <id>', "prefill the cover with this bid's vendor and model")
    .option('--force', 'replace the file if it exists')
    .action(
      async (opts: { out: string; format?: string; lang: string; bid?: string; force?: boolean }, cmd: Command) => {
        const format = opts.format ?? (opts.out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'xlsx')
        if (format !== 'xlsx' && format !== 'pdf') throw bad(`--format ${format}: xlsx or pdf`)
        const lang = checkLang(opts.lang)
        await withServices(cmd, async ({ procurement }) => {
          const out = await procurement.exportRequirements(cliActor(), { lang, format, bidId: opts.bid ?? null })
          await writeOut(opts.out, out.bytes, opts.force === true)
          report(
            cmd,
            { file: opts.out, format, bytes: out.bytes.length },
            () => `Wrote ${opts.out} (${out.bytes.length} bytes)`,
          )
        })
      },
    )

  p.command('bids')
    .description('Bids with their scores and mandatory gaps')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ procurement }) => {
        const out = await procurement.bids()
        const ja = opts.lang === 'ja'
        report(cmd, out, () =>
          out.items.length === 0 ? (ja ? '応札はまだありません。' : 'No bids yet.') : table(bidRows(out.items, ja)),
        )
      })
    })

  const b = p.command('bid').description('One bid / 応札')
  b.command('add')
    .description('Record a bid (answers are read later with `procurement answers`)')
    .requiredOption('--tender <text>', 'the tender, e.g. "2027年度 ICU 生体情報モニタ更新"')
    .requiredOption('--vendor <text>', 'the bidder (販売店)')
    .requiredOption('--manufacturer <text>', 'the manufacturer')
    .requiredOption('--model <text>', 'the model offered')
    .option('--model-id <id>', 'the model in the catalog (its disclosures join the comparison)')
    .option('--received-on <date>', 'YYYY-MM-DD')
    .option('--notes <text>', 'notes')
    .action(
      async (
        opts: {
          tender: string
          vendor: string
          manufacturer: string
          model: string
          modelId?: string
          receivedOn?: string
          notes?: string
        },
        cmd: Command,
      ) => {
        await withServices(cmd, async ({ procurement }) => {
          const out = await procurement.createBid(cliActor(), {
            tender: opts.tender,
            vendor: opts.vendor,
            manufacturer: opts.manufacturer,
            model: opts.model,
            modelId: opts.modelId ?? null,
            receivedOn: opts.receivedOn ?? null,
            notes: opts.notes ?? '',
          })
          report(cmd, out, () => `${out.id} ${out.vendor}: ${out.manufacturer} ${out.model}`)
        })
      },
    )

  p.command('answers')
    .description("Read the vendor's returned requirement sheet (.xlsx) into the bid (all or nothing)")
    .argument('<bid>', 'the bid id')
    .argument('<file>', 'the returned .xlsx')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (bidId: string, file: string, opts: { lang: string }, cmd: Command) => {
      const bytes = await readInput(file)
      await withServices(cmd, async ({ procurement }) => {
        const out = await procurement.importAnswers(cliActor(), bidId, file, bytes)
        const ja = opts.lang === 'ja'
        report(cmd, out, () => {
          const s = out.bid.score
          const lines = [
            ja
              ? `${out.read} 件の回答を読みました。得点 ${s.percent}%（${s.points}/${s.max}）`
              : `Read ${out.read} answers. Score ${s.percent}% (${s.points}/${s.max})`,
          ]
          if (s.mandatoryGaps.length > 0)
            lines.push(`${ja ? '必須要件の不足' : 'Mandatory gaps'}: ${s.mandatoryGaps.join(', ')}`)
          if (out.unknownIds.length > 0)
            lines.push(`${ja ? '要件にない番号（無視）' : 'Unknown ids (ignored)'}: ${out.unknownIds.join(', ')}`)
          return lines.join('\n')
        })
      })
    })

  p.command('compare')
    .description("Bids side by side with their models' disclosures; --out writes .xlsx or .pdf")
    .argument('<bids...>', '2 to 10 bid ids')
    .option('--out <file>', 'write the comparison (.xlsx or .pdf)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .option('--force', 'replace the file if it exists')
    .action(async (ids: string[], opts: { out?: string; lang: string; force?: boolean }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      await withServices(cmd, async ({ procurement }) => {
        if (opts.out) {
          const format = opts.out.toLowerCase().endsWith('.pdf') ? 'pdf' : 'xlsx'
          const out = await procurement.exportComparison(cliActor(), ids, { lang, format })
          await writeOut(opts.out, out.bytes, opts.force === true)
          report(
            cmd,
            { file: opts.out, format, bytes: out.bytes.length },
            () => `Wrote ${opts.out} (${out.bytes.length} bytes)`,
          )
          return
        }
        const cmp = await procurement.compare(ids)
        const ja = lang === 'ja'
        report(cmd, cmp, () => {
          const L = {
            yes: ja ? 'はい' : 'yes',
            partial: ja ? '一部' : 'partial',
            no: ja ? 'いいえ' : 'no',
            unknown: ja ? '不明' : 'unknown',
          }
          const head = ['No.', ...cmp.bids.map((x) => `${x.vendor} ${x.model}`)]
          const rows = cmp.rows.map((r) => [
            `${r.item.id}${r.item.mandatory ? '*' : ''}`,
            ...r.answers.map((a) => (a ? L[a] : '—')),
          ])
          rows.push([ja ? '得点' : 'score', ...cmp.bids.map((x) => `${x.score.percent}%`)])
          rows.push([ja ? '必須の不足' : 'gaps', ...cmp.bids.map((x) => x.score.mandatoryGaps.join(',') || '—')])
          rows.push([
            ja ? '既知の脆弱性' : 'known vulns',
            ...cmp.bids.map((x) => String(x.disclosure.knownVulnerabilities)),
          ])
          rows.push(['SBOM', ...cmp.bids.map((x) => (x.disclosure.hasSbom ? '✓' : '—'))])
          return table([head, ...rows])
        })
      })
    })
}
