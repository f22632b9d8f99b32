import type { Command } from 'commander'
import { ACTION_STATUSES, type Action, type ActionStatus } from '../../../api/actions.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang } from '../files.js'
import { table } from '../table.js'

const STATUS: Record<ActionStatus, { ja: string; en: string }> = {
  open: { ja: '未着手', en: 'open' },
  in_progress: { ja: '対応中', en: 'in progress' },
  done: { ja: '完了', en: 'done' },
  accepted: { ja: 'リスク受容', en: 'accepted' },
}

const SEVERITY: Record<Action['severity'], { ja: string; en: string }> = {
  critical: { ja: '緊急', en: 'critical' },
  high: { ja: '高', en: 'high' },
  medium: { ja: '中', en: 'medium' },
  low: { ja: '低', en: 'low' },
  info: { ja: '情報', en: 'info' },
}

/** The action board as a table, most urgent first. */
export function actionRows(items: readonly Action[], ja: boolean): string[][] {
  return [
    ja
      ? ['状態', '期限', '担当', '台数', '重大度', '悪用', '対策']
      : ['STATUS', 'DUE', 'OWNER', 'DEVICES', 'SEVERITY', 'KEV', 'ACTION'],
    ...items.map((a) => [
      ja ? STATUS[a.status].ja : STATUS[a.status].en,
      `${a.dueOn}${a.overdue ? (ja ? '（超過）' : ' (overdue)') : ''}`,
      a.owner ?? '',
      String(a.deviceCount),
      ja ? SEVERITY[a.severity].ja : SEVERITY[a.severity].en,
      a.knownExploited ? (ja ? 'あり' : 'YES') : '',
      ja ? a.titleJa : a.titleEn,
    ]),
  ]
}

/** `mamori actions …` (issue 10): the action plan. */
export function register(program: Command): void {
  const a = program.command('actions').description('The action plan: what to do first / 対策計画（優先して行うこと）')

  a.command('list')
    .description('Actions, most urgent first: status, due date, owner, number of devices and what to do')
    .option('--status <status>', `only this status: ${ACTION_STATUSES.join(', ')}`)
    .option('--owner <name>', 'only actions of this owner')
    .option('--overdue', 'only actions past their due date')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .option('--limit <n>', 'at most this many', '200')
    .action(
      async (
        opts: { status?: string; owner?: string; overdue?: boolean; lang: string; limit: string },
        cmd: Command,
      ) => {
        await withServices(cmd, async ({ actions }) => {
          const status = ACTION_STATUSES.find((s) => s === opts.status)
          if (opts.status !== undefined && !status) {
            cmd.error(
              `--status "${opts.status}" is not a status: use ${ACTION_STATUSES.join(', ')} / --status「${opts.status}」は状態ではありません`,
              { exitCode: 2 },
            )
          }
          const out = await actions.list({
            status,
            owner: opts.owner,
            overdue: opts.overdue ? 'true' : undefined,
            limit: Math.min(10_000, Math.max(1, Number(opts.limit) || 200)),
            offset: 0,
          })
          const ja = opts.lang === 'ja'
          report(cmd, out, () => {
            const head = ja
              ? `未完了 ${out.counts.open} 件（うち期限超過 ${out.counts.overdue} 件）、リスク受容 ${out.counts.accepted} 件`
              : `${out.counts.open} open (${out.counts.overdue} overdue), ${out.counts.accepted} accepted`
            if (out.items.length === 0) return `${head}\n${ja ? '該当する対策はありません。' : 'No actions match.'}`
            return `${head}\n${table(actionRows(out.items, ja))}`
          })
        })
      },
    )

  a.command('sync')
    .description('Regroup open findings into actions now; close those a re-scan no longer sees, with the evidence')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ actions }) => {
        const out = await actions.sync(cliActor())
        const ja = opts.lang === 'ja'
        report(cmd, out, () =>
          ja
            ? `新規 ${out.created} 件、更新 ${out.updated} 件、完了 ${out.closed} 件。未完了の対策は ${out.open} 件です。`
            : `${out.created} created, ${out.updated} updated, ${out.closed} closed. ${out.open} actions are open.`,
        )
      })
    })
}
