import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { Contact, PlaybookTask } from '../../../api/bcp.js'
import { PHASE_WORDS } from '../../core/bcp-plans/default-playbook.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, fileError } from '../files.js'
import { table } from '../table.js'

type Lang = 'ja' | 'en'

function checkLang(lang: string): Lang {
  if (lang !== 'ja' && lang !== 'en') throw MamoriError.of('INVALID_INPUT', { problems: `--lang ${lang}: ja or en` })
  return lang
}

async function writeOut(path: string, body: string | Buffer): Promise<void> {
  try {
    await writeFile(path, body)
  } catch (err) {
    throw fileError(path, err)
  }
}

const KIND: Record<Contact['kind'], { ja: string; en: string }> = {
  internal: { ja: '院内', en: 'internal' },
  vendor: { ja: '事業者', en: 'vendor' },
  authority: { ja: '行政', en: 'authority' },
  police: { ja: '警察', en: 'police' },
  other: { ja: 'その他', en: 'other' },
}

/** `mamori bcp cards|playbook|contacts|exercises` (issue 11; ADR 0043), registered onto the `bcp` parent by ./bcp.ts. */
export function registerPlanCommands(bcp: Command): void {
  bcp
    .command('cards')
    .description('Downtime cards as an A4 PDF, one per page / 停止時手順カード(PDF)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--devices <list>', 'only these devices (comma-separated ids or asset tags)')
    .option('--services <list>', 'only these clinical services (comma-separated ids)')
    .action(async (opts: { lang: string; out: string; devices?: string; services?: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      await withServices(cmd, async ({ bcpPlans }) => {
        const file = await bcpPlans.cards({ lang, devices: opts.devices, services: opts.services }, cliActor())
        await writeOut(opts.out, file.body)
        const out = {
          file: opts.out,
          bytes: file.body.length,
          services: file.services,
          devices: file.devices,
          devicesWithoutPlan: file.devicesWithoutPlan,
        }
        report(cmd, out, () =>
          lang === 'ja'
            ? `${opts.out} に書き出しました(臨床サービス ${file.services} 件、機器 ${file.devices} 台、うち手順未作成 ${file.devicesWithoutPlan} 台)`
            : `Wrote ${opts.out} (${file.services} services, ${file.devices} devices, ${file.devicesWithoutPlan} without a plan)`,
        )
      })
    })

  bcp
    .command('playbook')
    .description("The playbook by MHLW's five phases, with owners / 行動計画(平時・検知・初動対応・復旧処理・事後対応)")
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      await withServices(cmd, async ({ bcpPlans }) => {
        const pb = await bcpPlans.playbook()
        const ja = lang === 'ja'
        report(cmd, pb, () => {
          const row = (t: PlaybookTask) => [
            ja ? PHASE_WORDS[t.phase].ja : PHASE_WORDS[t.phase].en,
            t.owner ?? (ja ? '(未定)' : '(none)'),
            ja ? t.titleJa : t.titleEn || t.titleJa,
          ]
          const rows = pb.phases.flatMap((p) => p.tasks.map(row))
          const warn = pb.warnings.map((w) => `! ${ja ? w.messageJa : w.messageEn}`)
          return [table([ja ? ['段階', '担当', '項目'] : ['PHASE', 'OWNER', 'TASK'], ...rows]), ...warn].join('\n')
        })
      })
    })

  bcp
    .command('contacts')
    .description('The contact chain (連絡体制図); --chart writes it as an SVG picture')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .option('--chart <file>', 'write the chart as SVG to this file')
    .action(async (opts: { lang: string; chart?: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      await withServices(cmd, async ({ bcpPlans }) => {
        const chain = await bcpPlans.contacts()
        if (opts.chart) await writeOut(opts.chart, await bcpPlans.contactChart(lang))
        const ja = lang === 'ja'
        const names = new Map(chain.items.map((c) => [c.id, c.name]))
        report(cmd, chain, () =>
          [
            table([
              ja ? ['種類', '名前', '役割', '電話', '次に連絡'] : ['KIND', 'NAME', 'ROLE', 'PHONE', 'NOTIFIES'],
              ...chain.items.map((c) => [
                ja ? KIND[c.kind].ja : KIND[c.kind].en,
                c.name,
                c.role,
                c.phone || (ja ? '(未登録)' : '(none)'),
                c.notifies.map((n) => names.get(n) ?? n).join(', '),
              ]),
            ]),
            ...chain.warnings.map((w) => `! ${ja ? w.messageJa : w.messageEn}`),
            ...(opts.chart ? [ja ? `${opts.chart} に図を書き出しました` : `Wrote the chart to ${opts.chart}`] : []),
          ].join('\n'),
        )
      })
    })

  bcp
    .command('exercises')
    .description('Tabletop exercise records, newest first / 訓練の記録')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      const lang = checkLang(opts.lang)
      await withServices(cmd, async ({ bcpPlans }) => {
        const out = await bcpPlans.exercises()
        const ja = lang === 'ja'
        report(cmd, out, () =>
          out.items.length === 0
            ? ja
              ? '訓練の記録はまだありません。'
              : 'No exercises recorded yet.'
            : table([
                ja ? ['実施日', '種類', '想定'] : ['HELD ON', 'KIND', 'SCENARIO'],
                ...out.items.map((e) => [e.heldOn, e.kind, e.scenario]),
              ]),
        )
      })
    })
}
