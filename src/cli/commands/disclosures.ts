import { writeFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Command } from 'commander'
import { MamoriError } from '../../core/errors.js'
import { presentProblem } from '../../services/disclosures.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, readInput } from '../files.js'
import { table } from '../table.js'

export function register(program: Command): void {
  const d = program
    .command('disclosures')
    .description("Manufacturers' security disclosures (MDS2, MDS/SDS) / 製造業者のセキュリティ開示書")

  d.command('import')
    .description('Read an MDS2 (2019/2013, .xlsx or CSV) or MDS/SDS form, store it and apply it to the model’s devices')
    .argument('<file>', 'the form (.xlsx, .xlsm, .csv)')
    .option(
      '--model <maker-model>',
      'the catalog model, e.g. "日本光電 BSM-6501" (created if new); default: from the form',
    )
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (file: string, opts: { model?: string; lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ disclosures }) => {
        const bytes = await readInput(file)
        const out = await disclosures.importFile(cliActor(), { bytes, fileName: basename(file), model: opts.model })
        const problems = out.problems.map(presentProblem)
        const ja = opts.lang === 'ja'
        const { disclosure: s, findings } = out
        report(cmd, { disclosure: s, problems, findings }, () =>
          [
            `${ja ? '取り込みました' : 'Imported'}: ${s.id}`,
            `  form ${s.form} · ${s.header.manufacturer ?? '?'} / ${s.header.model ?? '?'} · document ${s.header.documentId ?? '-'} · released ${s.header.releaseDate ?? '-'}`,
            `  model: ${s.model ? `${s.model.vendor} ${s.model.name} (${s.model.id})` : ja ? '（未設定: --model で指定）' : '(none: give --model)'}`,
            `  ${ja ? '回答' : 'answered'} ${s.answeredCount} / ${s.questionCount} ${ja ? '問' : 'questions'}`,
            ja
              ? `  検出事項: 機種が確定した機器 ${findings.devices} 台（新規 ${findings.created} 件、更新 ${findings.updated} 件）`
              : `  findings: ${findings.devices} devices with this model confirmed (${findings.created} new, ${findings.updated} updated)`,
            problems.length === 0
              ? ja
                ? '  問題はありません。'
                : '  No problems.'
              : table([
                  ['WHERE', 'VALUE', 'PROBLEM'],
                  ...problems.map((p) => [
                    `${p.sheet ?? ''}${p.row !== null ? `!${p.column ?? ''}${p.row}` : ''}`,
                    (p.value ?? '').slice(0, 30),
                    ja ? p.messageJa : p.message,
                  ]),
                ]),
          ].join('\n'),
        )
      })
    })

  d.command('list')
    .description('Disclosures on file, newest first')
    .option('--model <id>', 'only this model id')
    .action(async (opts: { model?: string }, cmd: Command) => {
      await withServices(cmd, async ({ disclosures }) => {
        const items = await disclosures.list({ modelId: opts.model })
        report(cmd, { items }, () =>
          items.length === 0
            ? 'No disclosures yet. / 開示書はまだありません（mamori disclosures import FILE）。'
            : table([
                ['ID', 'FORM', 'MODEL', 'DOCUMENT', 'ANSWERED', 'WARNINGS', 'IMPORTED'],
                ...items.map((x) => [
                  x.id,
                  x.form,
                  x.model ? `${x.model.vendor} ${x.model.name}` : '-',
                  x.header.documentId ?? '-',
                  `${x.answeredCount}/${x.questionCount}`,
                  String(x.problems.length),
                  x.importedAt.slice(0, 16).replace('T', ' '),
                ]),
              ]),
        )
      })
    })

  d.command('evaluate')
    .description('What a disclosure means: findings, compensating controls, questions (all, when no ID)')
    .argument('[id]', 'a disclosure id; without it every model’s latest disclosure is applied to its devices')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (id: string | undefined, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ disclosures }) => {
        const ja = opts.lang === 'ja'
        if (!id) {
          const r = await (await disclosures.startApply(cliActor(), 'cli')).done
          report(
            cmd,
            r,
            () =>
              `${r.models} models, ${r.devices} devices: ${r.created} findings new, ${r.updated} updated, ${r.resolved} no longer apply`,
          )
          return
        }
        const { disclosure, evaluation: e } = await disclosures.evaluation(id)
        const cite = (c: { questionId: string; answer: string; comment: string | null }[]) =>
          c.map((x) => `${x.questionId}: ${x.answer}${x.comment ? ` (${x.comment})` : ''}`).join('; ')
        report(cmd, { disclosureId: disclosure.id, model: disclosure.model, ...e }, () =>
          [
            `${ja ? '検出事項' : 'Findings'} (${e.findings.length})`,
            ...e.findings.map(
              (f) =>
                `  [${f.severity}] ${ja ? f.titleJa : f.titleEn}\n    ${ja ? f.recommendationJa : f.recommendationEn}\n    ← ${cite(f.citations)}`,
            ),
            `${ja ? '必要な補完的対策' : 'Compensating controls'} (${e.controls.length})`,
            ...e.controls.map(
              (c) =>
                `  ${ja ? c.titleJa : c.titleEn}${c.checklistItem ? ` — ${ja ? 'チェックリスト' : 'checklist'} ${c.checklistItem}` : ''}\n    ← ${cite(c.citations)}`,
            ),
            `${ja ? '製造業者への質問' : 'Questions to the manufacturer'} (${e.questions.length})`,
            ...e.questions.map((q) => `  ${q.questionId}: ${ja ? q.textJa : q.textEn}`),
          ].join('\n'),
        )
      })
    })

  d.command('letter')
    .description('Write a letter to the manufacturer with the open questions (PDF or Word)')
    .argument('<id>', 'the disclosure id')
    .requiredOption('--out <file>', 'FILE.pdf or FILE.docx')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (id: string, opts: { out: string; lang: string }, cmd: Command) => {
      const ext = extname(opts.out).toLowerCase()
      if (ext !== '.pdf' && ext !== '.docx')
        throw MamoriError.of('INVALID_INPUT', { problems: `--out ${opts.out}: name it .pdf or .docx` })
      if (opts.lang !== 'ja' && opts.lang !== 'en')
        throw MamoriError.of('INVALID_INPUT', { problems: `--lang ${opts.lang}: ja or en` })
      await withServices(cmd, async ({ disclosureDocuments, audit }) => {
        const letter = await disclosureDocuments.letter(id, opts.lang as 'ja' | 'en', ext === '.pdf' ? 'pdf' : 'docx')
        await writeFile(opts.out, letter.bytes)
        await audit.record(cliActor(), {
          action: 'export.letter',
          targetType: 'disclosure',
          targetId: id,
          after: { lang: opts.lang, format: ext.slice(1), file: opts.out },
        })
        report(
          cmd,
          { file: opts.out, bytes: letter.bytes.length },
          () => `Wrote ${opts.out} (${letter.bytes.length} bytes)`,
        )
      })
    })
}
