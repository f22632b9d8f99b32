import { writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import type { ChecklistView } from '../../../api/checklist.js'
import { itemText, notRequiredView } from '../../core/checklist/view.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, readInput } from '../files.js'
import { table } from '../table.js'

const SUGGESTION = {
  ja: { yes: 'はい?', no: 'いいえ?', unknown: '不明' },
  en: { yes: 'yes?', no: 'no?', unknown: 'unknown' },
} as const

const bad = (problems: string) => MamoriError.of('INVALID_INPUT', { problems })

function showText(view: ChecklistView, ja: boolean): string {
  const skip = notRequiredView(view)
  const e = view.edition
  const c = view.completion
  const head = [
    ja ? `${e.titleJa} ${e.fiscalYearJa} [${e.id}]` : `${e.titleEn} (${e.fiscalYearJa}) [${e.id}]`,
    ...(view.vendor ? [`${ja ? '事業者' : 'Vendor'}: ${view.vendor.name} (${view.vendor.id})`] : []),
    ja
      ? `回答済み ${c.answered}/${c.total}　はい ${c.yes}　いいえ ${c.no}　目標日超過 ${c.overdue}${skip ? '　(前提が「いいえ」: 他の項目は確認不要)' : ''}`
      : `Answered ${c.answered}/${c.total}  yes ${c.yes}  no ${c.no}  overdue ${c.overdue}${skip ? '  (precondition No: other items not required)' : ''}`,
    '',
  ]
  const lang = ja ? 'ja' : 'en'
  const rows = view.rows.map((r) => {
    const a = r.answer
    const answer =
      skip && r.item.id !== '前提'
        ? ja
          ? '確認不要'
          : 'not required'
        : a.answer === 'yes'
          ? ja
            ? 'はい'
            : 'yes'
          : a.answer === 'no'
            ? ja
              ? 'いいえ'
              : 'no'
            : '—'
    const ev = r.evidence
    return [
      r.item.id,
      answer,
      a.checkedOn ?? '',
      a.targetOn ?? '',
      ev ? `${SUGGESTION[lang][ev.suggestion]} ${ja ? ev.summaryJa : ev.summaryEn}` : '',
      itemText(r.item, lang).slice(0, 60),
    ]
  })
  return [
    ...head,
    table([
      ja
        ? ['番号', '回答', '確認日', '目標日', 'Mamori の根拠', '確認項目']
        : ['NO.', 'ANSWER', 'CHECKED', 'TARGET', 'EVIDENCE', 'ITEM'],
      ...rows,
    ]),
  ].join('\n')
}

export function register(program: Command): void {
  const c = program
    .command('checklist')
    .description('The MHLW cybersecurity checklist with evidence / 厚生労働省チェックリスト(根拠つき)')

  c.command('show')
    .description('Every item with its answer and the evidence Mamori holds')
    .option('--form <form>', 'hospital or vendor', 'hospital')
    .option('--vendor <id>', "a vendor's answers on the vendor form (事業者確認用)")
    .option('--edition <id>', 'an edition id (default: the newest of the form)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { form: string; vendor?: string; edition?: string; lang: string }, cmd: Command) => {
      if (opts.form !== 'hospital' && opts.form !== 'vendor') throw bad(`--form ${opts.form}: hospital or vendor`)
      await withServices(cmd, async ({ checklist }) => {
        const view = await checklist.view({
          form: opts.form as 'hospital' | 'vendor',
          editionId: opts.edition,
          vendorId: opts.vendor,
        })
        report(cmd, view, () => showText(view, opts.lang === 'ja'))
      })
    })

  c.command('answer')
    .description('Answer an item: yes (はい) or no (いいえ), with the check date and, for no, a target date')
    .argument('<item>', 'the printed item number, e.g. 2-⑥ or 前提')
    .argument('<answer>', 'yes or no')
    .option('--date <date>', 'the check date (確認日), YYYY-MM-DD; default today')
    .option('--target-date <date>', 'the target date (目標日) for a no, YYYY-MM-DD')
    .option('--note <text>', 'a note (備考)')
    .option('--responsible <person>', 'who is responsible')
    .option('--vendor <id>', "record a vendor's answer on the vendor form (事業者確認用)")
    .option('--edition <id>', 'an edition id (default: the newest of the form)')
    .action(
      async (
        item: string,
        answer: string,
        opts: {
          date?: string
          targetDate?: string
          note?: string
          responsible?: string
          vendor?: string
          edition?: string
        },
        cmd: Command,
      ) => {
        const a = { yes: 'yes', no: 'no', はい: 'yes', いいえ: 'no' }[answer.trim().toLowerCase()] as
          | 'yes'
          | 'no'
          | undefined
        if (!a) throw bad(`${answer}: answer yes or no (はい / いいえ)`)
        await withServices(cmd, async ({ checklist }) => {
          // The service checks the dates (calendar day, not in the future, target not before check) and names them.
          const checkedOn = opts.date ?? checklist.today()
          const saved = await checklist.answer(
            cliActor(),
            item.normalize('NFC').trim(),
            {
              answer: a,
              checkedOn,
              targetOn: opts.targetDate ?? null,
              note: opts.note ?? null,
              responsible: opts.responsible ?? null,
            },
            { vendorId: opts.vendor, editionId: opts.edition },
          )
          report(cmd, saved, () =>
            [
              `${saved.itemId}: ${saved.answer === 'yes' ? 'はい / yes' : 'いいえ / no'}  確認日 ${saved.checkedOn}` +
                (saved.targetOn ? `  目標日 ${saved.targetOn}` : ''),
              'Saved. / 保存しました。',
            ].join('\n'),
          )
        })
      },
    )

  c.command('attach')
    .description("Attach a file to an item's answer (a PDF of the rules, a photo of the contact chart; at most 10 MiB)")
    .argument('<item>', 'the printed item number, e.g. 3-① (plain digits work: 3-1)')
    .argument('<file>', 'the file')
    .option('--vendor <id>', "attach to a vendor's answer on the vendor form")
    .option('--edition <id>', 'an edition id (default: the newest of the form)')
    .action(async (item: string, file: string, opts: { vendor?: string; edition?: string }, cmd: Command) => {
      const bytes = await readInput(file)
      await withServices(cmd, async ({ checklist }) => {
        const a = await checklist.attach(
          cliActor(),
          item,
          { fileName: basename(file), bytes },
          { vendorId: opts.vendor, editionId: opts.edition },
        )
        report(cmd, a, () => `${a.itemId}: ${a.fileName} (${a.mediaType}, ${a.size} bytes) ${a.id}`)
      })
    })

  c.command('export')
    .description('Write the checklist in the layout inspectors expect (.xlsx or PDF), with the evidence')
    .requiredOption('--format <format>', 'xlsx or pdf')
    .requiredOption('--out <file>', 'the file to write')
    .option('--form <form>', 'hospital or vendor', 'hospital')
    .option('--vendor <id>', 'the vendor form (事業者確認用) of this vendor, prefilled with its name')
    .option('--edition <id>', 'an edition id (default: the newest of the form)')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(
      async (
        opts: { format: string; out: string; form: string; vendor?: string; edition?: string; lang: string },
        cmd: Command,
      ) => {
        if (opts.format !== 'xlsx' && opts.format !== 'pdf') throw bad(`--format ${opts.format}: xlsx or pdf`)
        if (opts.form !== 'hospital' && opts.form !== 'vendor') throw bad(`--form ${opts.form}: hospital or vendor`)
        if (opts.lang !== 'ja' && opts.lang !== 'en') throw bad(`--lang ${opts.lang}: ja or en`)
        await withServices(cmd, async ({ checklist }) => {
          const out = await checklist.export(cliActor(), {
            format: opts.format as 'xlsx' | 'pdf',
            form: opts.form as 'hospital' | 'vendor',
            vendorId: opts.vendor,
            editionId: opts.edition,
            lang: opts.lang as 'ja' | 'en',
          })
          await writeFile(opts.out, out.bytes)
          report(
            cmd,
            { file: opts.out, bytes: out.bytes.length },
            () => `Wrote ${opts.out} (${out.bytes.length} bytes)`,
          )
        })
      },
    )

  const ed = c.command('edition').description('Checklist editions / チェックリストの版')
  ed.command('list')
    .description('Editions: built in and loaded')
    .action(async (_opts: unknown, cmd: Command) => {
      await withServices(cmd, async ({ checklist }) => {
        const items = await checklist.editions()
        report(cmd, { items }, () =>
          table([
            ['ID', 'FORM', 'FY', 'ITEMS', 'SOURCE'],
            ...items.map((e) => [
              e.id,
              e.form,
              e.fiscalYearJa,
              String(e.items.length),
              e.builtIn ? 'built in' : e.source,
            ]),
          ]),
        )
      })
    })
  ed.command('import')
    .description("Load a newer edition from MHLW's .xlsx form (admin: whoever runs the CLI on the server)")
    .argument('<file>', 'the MHLW checklist .xlsx')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const bytes = await readInput(file)
      await withServices(cmd, async ({ checklist }) => {
        const e = await checklist.importEdition(cliActor(), basename(file), bytes)
        report(
          cmd,
          e,
          () =>
            `Loaded edition ${e.id} (${e.fiscalYearJa}, ${e.form}, ${e.items.length} items). / 版 ${e.id} を読み込みました。`,
        )
      })
    })

  const v = c.command('vendor').description('Vendors the 事業者確認用 goes to / 事業者')
  v.command('add')
    .argument('<name>', 'the vendor name')
    .option('--contact <text>', 'contact (person, e-mail, phone)')
    .action(async (name: string, opts: { contact?: string }, cmd: Command) => {
      await withServices(cmd, async ({ checklist }) => {
        const out = await checklist.createVendor(cliActor(), { name, contact: opts.contact ?? null })
        report(cmd, out, () => `${out.id}  ${out.name}`)
      })
    })
  v.command('list').action(async (_opts: unknown, cmd: Command) => {
    await withServices(cmd, async ({ checklist }) => {
      const items = await checklist.vendors()
      report(cmd, { items }, () =>
        table([
          ['ID', 'NAME', 'CONTACT', 'ANSWERED'],
          ...items.map((x) => [x.id, x.name, x.contact ?? '', `${x.answered}/${x.total}`]),
        ]),
      )
    })
  })
}
