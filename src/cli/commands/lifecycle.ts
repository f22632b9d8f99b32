import type { Command } from 'commander'
import type { CalendarEvent, CalendarEventKind, LifecycleCalendar, RescanDueList } from '../../../api/operations.js'
import { CALENDAR_EVENT_KINDS } from '../../../api/operations.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang } from '../files.js'
import { table } from '../table.js'

const KIND: Record<CalendarEventKind, { ja: string; en: string }> = {
  support_end: { ja: 'サポート終了', en: 'end of support' },
  service_life_end: { ja: '耐用期間満了', en: 'end of service life' },
  rescan_due: { ja: '再スキャン予定', en: 're-scan due' },
}

const whoOf = (e: { assetTag: string | null; name: string | null; deviceId: string }) =>
  [e.name, e.assetTag].filter(Boolean).join(' ') || e.deviceId.slice(0, 8)

/** The calendar as a table, soonest first. */
export function calendarRows(events: readonly CalendarEvent[], ja: boolean): string[][] {
  return [
    ja
      ? ['日付', '残り日数', '予定', '機器', '部署', '生命維持']
      : ['DATE', 'DAYS LEFT', 'EVENT', 'DEVICE', 'DEPARTMENT', 'LIFE'],
    ...events.map((e) => [
      e.date,
      String(e.daysLeft),
      ja ? KIND[e.kind].ja : KIND[e.kind].en,
      whoOf(e),
      e.department ?? '',
      e.lifeCritical ? (ja ? '○' : 'yes') : '',
    ]),
  ]
}

function calendarText(cal: LifecycleCalendar, ja: boolean): string {
  const head = ja
    ? `${cal.from} 〜 ${cal.to}: ${cal.events.length} 件。すでにサポート終了 ${cal.alreadyPast.supportEnd} 台、耐用期間満了 ${cal.alreadyPast.serviceLifeEnd} 台。`
    : `${cal.from} to ${cal.to}: ${cal.events.length} event(s). Already past: ${cal.alreadyPast.supportEnd} out of support, ${cal.alreadyPast.serviceLifeEnd} past service life.`
  if (cal.events.length === 0)
    return `${head}\n${ja ? 'この期間の予定はありません。' : 'Nothing falls due in this range.'}`
  return `${head}\n${table(calendarRows(cal.events, ja))}`
}

function rescanText(list: RescanDueList, ja: boolean): string {
  const head = ja ? `再スキャンが必要な機器: ${list.total} 台` : `Devices due a re-scan: ${list.total}`
  if (list.items.length === 0) return `${head}\n${ja ? '期限を過ぎた機器はありません。' : 'No device is overdue.'}`
  return `${head}\n${table([
    ja
      ? ['機器', '分類', '部署', '最終スキャン', '間隔（日）', '期限', '超過日数', '備考']
      : ['DEVICE', 'CATEGORY', 'DEPARTMENT', 'LAST SCAN', 'EVERY (DAYS)', 'DUE', 'OVERDUE', 'NOTE'],
    ...list.items.map((d) => [
      whoOf(d),
      d.category,
      d.department ?? '',
      d.lastScannedAt?.slice(0, 10) ?? (ja ? '未実施' : 'never'),
      String(d.cadenceDays),
      d.dueOn ?? '',
      d.excluded ? '' : String(d.overdueDays),
      d.excluded ? (ja ? 'スキャン対象外（生命維持・脆弱）' : 'never scanned on purpose') : '',
    ]),
  ])}`
}

const intOption = (cmd: Command, name: string, v: string | undefined, min: number, max: number) => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max)
    cmd.error(
      `--${name} "${v}" must be a whole number from ${min} to ${max} / --${name}「${v}」は ${min}〜${max} の整数で指定してください`,
      {
        exitCode: 2,
      },
    )
  return n
}

/** `mamori lifecycle calendar|rescan-due|reminders run|timeline` (issue 11, ADR 0041). */
export function register(program: Command): void {
  const l = program
    .command('lifecycle')
    .description('Support ends, service-life ends, re-scans and a device’s history / 機器の更新時期・再スキャン・履歴')

  l.command('calendar')
    .description('Support ends and service-life ends (and re-scans due) in a range, soonest first')
    .option('--from <date>', 'first day (YYYY-MM-DD), default today')
    .option('--to <date>', 'last day (YYYY-MM-DD), default 24 months after --from')
    .option('--months <n>', 'instead of --to: this many months after --from')
    .option('--kind <kind>', `only ${CALENDAR_EVENT_KINDS.join(', ')}`)
    .option('--department <name>', 'only this department')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(
      async (
        opts: { from?: string; to?: string; months?: string; kind?: string; department?: string; lang: string },
        cmd: Command,
      ) => {
        const kind = CALENDAR_EVENT_KINDS.find((k) => k === opts.kind)
        if (opts.kind !== undefined && !kind)
          cmd.error(
            `--kind "${opts.kind}" is not one of ${CALENDAR_EVENT_KINDS.join(', ')} / --kind「${opts.kind}」は指定できません`,
            {
              exitCode: 2,
            },
          )
        const months = intOption(cmd, 'months', opts.months, 1, 120)
        await withServices(cmd, async ({ operations }) => {
          const cal = await operations.calendar({
            from: opts.from,
            to: opts.to,
            months,
            kind,
            department: opts.department,
          })
          report(cmd, cal, () => calendarText(cal, opts.lang === 'ja'))
        })
      },
    )

  l.command('rescan-due')
    .description('Devices whose last scan is older than their cadence (or never scanned), most overdue first')
    .option('--department <name>', 'only this department')
    .option('--limit <n>', 'at most this many', '200')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { department?: string; limit: string; lang: string }, cmd: Command) => {
      const limit = intOption(cmd, 'limit', opts.limit, 1, 1000) ?? 200
      await withServices(cmd, async ({ operations }) => {
        const list = await operations.rescanDue({ limit, offset: 0, department: opts.department })
        report(cmd, list, () => rescanText(list, opts.lang === 'ja'))
      })
    })

  l.command('reminders')
    .description('Reminders of support ends and service-life ends')
    .command('run')
    .description('Send the reminders due now as one digest (in-app and on the notification channels; each once)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ operations }) => {
        const out = await operations.runReminders(cliActor())
        const ja = opts.lang === 'ja'
        report(cmd, out, () => {
          if (out.sent === 0) return ja ? '送るお知らせはありません。' : 'No reminder is due.'
          const lines = (ja ? out.linesJa : out.linesEn) ?? []
          return `${ja ? `${out.sent} 件のお知らせを送りました:` : `Sent ${out.sent} reminder(s):`}\n${lines.map((x) => `  ${x}`).join('\n')}`
        })
      })
    })

  l.command('timeline')
    .description('One device’s history (ledger, scans, findings, vulnerabilities, disclosures, actions), newest first')
    .argument('<device>', 'device id or asset tag')
    .option('--limit <n>', 'at most this many entries', '50')
    .option('--before <cursor>', 'older than this (a nextBefore value or a timestamp)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (device: string, opts: { limit: string; before?: string; lang: string }, cmd: Command) => {
      const limit = intOption(cmd, 'limit', opts.limit, 1, 500) ?? 50
      await withServices(cmd, async ({ operations }) => {
        const tl = await operations.timeline(device, { limit, before: opts.before })
        const ja = opts.lang === 'ja'
        report(cmd, tl, () => {
          if (tl.entries.length === 0) return ja ? '履歴はありません。' : 'No history.'
          const rows = table([
            ja ? ['日時', '内容', '詳細', '実施者'] : ['WHEN', 'WHAT', 'DETAIL', 'BY'],
            ...tl.entries.map((e) => [
              e.at.slice(0, 16).replace('T', ' '),
              ja ? e.titleJa : e.titleEn,
              (ja ? e.detailJa : e.detailEn) ?? '',
              e.actor ?? '',
            ]),
          ])
          const more = tl.nextBefore
            ? ja
              ? `\n続き: --before '${tl.nextBefore}'`
              : `\nMore: --before '${tl.nextBefore}'`
            : ''
          return `${rows}${more}`
        })
      })
    })
}
