import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { Acceptance } from '../../../api/acceptance.js'
import { ACCEPTANCE_CHECK_IDS } from '../../../api/acceptance.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang, fileError } from '../files.js'
import { table } from '../table.js'

const RESULT_WORD: Record<string, { ja: string; en: string }> = {
  pass: { ja: '合格', en: 'pass' },
  fail: { ja: '不合格', en: 'fail' },
  not_applicable: { ja: '対象外', en: 'n/a' },
}

const STATE_WORD: Record<Acceptance['state'], { ja: string; en: string }> = {
  in_progress: { ja: '確認中', en: 'in progress' },
  signed_off: { ja: '承認済み', en: 'signed off' },
  cancelled: { ja: '中止', en: 'cancelled' },
}

const RESOLUTION_WORD: Record<Acceptance['issues'][number]['resolution'], { ja: string; en: string }> = {
  open: { ja: '回答待ち', en: 'open' },
  fixed: { ja: '対応済み', en: 'fixed' },
  mitigated: { ja: '軽減策あり', en: 'mitigated' },
  accepted: { ja: 'リスク受容', en: 'accepted' },
  spec: { ja: '仕様（メーカー回答）', en: "manufacturer: it's the specification" },
}

/** One acceptance as text: device, comparison, checks, issues and what is left. */
export function acceptanceText(a: Acceptance, ja: boolean): string {
  const d = a.device
  const c = a.comparison
  const lines = [
    `${d.assetTag ?? a.deviceId}  ${d.name ?? ''} ${d.manufacturer ?? ''} ${d.model ?? ''}`.trim(),
    `${ja ? '状態' : 'State'}: ${STATE_WORD[a.state][ja ? 'ja' : 'en']}  ${ja ? '開始' : 'started'} ${a.startedAt.slice(0, 16)} ${a.startedBy ?? ''}`,
    `${ja ? '申告' : 'Declaration'}: ${c.declarationSource ?? (ja ? 'なし' : 'none')}  ${ja ? '申告ポート' : 'declared'}: ${c.declaredPorts.join(', ') || '—'}`,
    `${ja ? 'スキャン' : 'Scan'}: ${c.scanId ? `${c.scannedAt ?? ''} ${ja ? '開放' : 'open'} ${c.openPorts.map((p) => p.port).join(', ') || '—'}` : ja ? '未実施' : 'not run'}`,
  ]
  if (c.undeclaredOpen.length > 0)
    lines.push(`${ja ? '申告外の開放ポート' : 'Open but not declared'}: ${c.undeclaredOpen.join(', ')}`)
  lines.push(
    '',
    table([
      ja ? ['確認項目', '結果', '確認者', 'メモ'] : ['CHECK', 'RESULT', 'BY', 'NOTE'],
      ...a.checks.map((k) => [
        `${k.id} ${ja ? k.titleJa : k.titleEn}`,
        k.result ? RESULT_WORD[k.result]![ja ? 'ja' : 'en'] : '—',
        k.checkedBy ?? '',
        k.note,
      ]),
    ]),
  )
  for (const i of a.issues)
    lines.push(
      `${ja ? '課題' : 'Issue'}: ${i.title} [${RESOLUTION_WORD[i.resolution][ja ? 'ja' : 'en']}] ${i.manufacturerReply ? `— ${i.manufacturerReply}` : ''}`,
    )
  const left = ja ? a.outstandingJa : a.outstandingEn
  if (a.signOff) lines.push(`${ja ? '承認' : 'Signed off'}: ${a.signOff.by} ${a.signOff.at.slice(0, 16)}`)
  else if (left.length > 0) lines.push('', ja ? '残っている事項:' : 'Outstanding:', ...left.map((l) => `  - ${l}`))
  return lines.join('\n')
}

/** `mamori acceptance start|report|list|show|check|sign-off` (issue 11, ADR 0040). */
export function register(program: Command): void {
  const a = program
    .command('acceptance')
    .description('Acceptance tests of new devices / 導入時確認（新しい機器を使い始める前の確認）')

  a.command('start')
    .description(
      'Start the acceptance test of a device (status → acceptance); with --scope, scan it from that quarantine scope',
    )
    .argument('<device>', 'device id or asset tag')
    .option(
      '--scope <scopeId>',
      'the approved scope of the quarantine segment: scan now and compare with the declaration',
    )
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (device: string, opts: { scope?: string; lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ acceptance }) => {
        const actor = cliActor()
        let a = await acceptance.start({ device, scopeId: opts.scope ?? null }, actor)
        if (opts.scope) {
          const started = await acceptance.scan(a.id, opts.scope, actor)
          a = (await started.done) ?? (await acceptance.compare(a.id, actor))
        }
        report(cmd, a, () => acceptanceText(a, opts.lang === 'ja'))
      })
    })

  a.command('report')
    .description('Write the acceptance report (PDF) of the latest acceptance test of a device')
    .argument('<device>', 'device id or asset tag')
    .requiredOption('--out <file>', 'PDF file to write')
    .option('--lang <lang>', 'ja or en', 'ja')
    .action(async (device: string, opts: { out: string; lang: string }, cmd: Command) => {
      if (opts.lang !== 'ja' && opts.lang !== 'en') cmd.error(`--lang must be ja or en, not "${opts.lang}"`)
      await withServices(cmd, async ({ acceptance }) => {
        const latest = await acceptance.latestFor(device)
        const file = await acceptance.report(latest.id, opts.lang as 'ja' | 'en', cliActor())
        try {
          await writeFile(opts.out, file.pdf)
        } catch (e) {
          throw fileError(opts.out, e)
        }
        report(
          cmd,
          { out: opts.out, bytes: file.pdf.length, acceptanceId: latest.id },
          () => `${opts.out} (${file.pdf.length} bytes)`,
        )
      })
    })

  a.command('list')
    .description('Acceptance tests, newest first')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ acceptance }) => {
        const list = await acceptance.list()
        const ja = opts.lang === 'ja'
        report(cmd, list, () =>
          list.items.length === 0
            ? ja
              ? '導入時確認はまだありません。'
              : 'No acceptance tests yet.'
            : table([
                ja ? ['資産番号', '機器', '状態', '開始', '残り'] : ['ASSET TAG', 'DEVICE', 'STATE', 'STARTED', 'LEFT'],
                ...list.items.map((x) => [
                  x.device.assetTag ?? x.deviceId,
                  x.device.name ?? '',
                  x.state,
                  x.startedAt.slice(0, 10),
                  String(x.outstandingEn.length),
                ]),
              ]),
        )
      })
    })

  a.command('show')
    .description('The latest acceptance test of a device')
    .argument('<device>', 'device id or asset tag')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (device: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ acceptance }) => {
        const x = await acceptance.latestFor(device)
        report(cmd, x, () => acceptanceText(x, opts.lang === 'ja'))
      })
    })

  a.command('check')
    .description(`Record a manual check: ${ACCEPTANCE_CHECK_IDS.join(', ')}`)
    .argument('<device>', 'device id or asset tag')
    .argument('<check>', 'check id')
    .argument('<result>', 'pass, fail or na')
    .option('--note <text>', 'what was seen', '')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(
      async (device: string, check: string, result: string, opts: { note: string; lang: string }, cmd: Command) => {
        const id = ACCEPTANCE_CHECK_IDS.find((c) => c === check)
        if (!id) cmd.error(`unknown check "${check}"; one of: ${ACCEPTANCE_CHECK_IDS.join(', ')}`)
        const r = result === 'na' ? 'not_applicable' : result
        if (r !== 'pass' && r !== 'fail' && r !== 'not_applicable')
          cmd.error(`result must be pass, fail or na, not "${result}"`)
        await withServices(cmd, async ({ acceptance }) => {
          const latest = await acceptance.latestFor(device)
          const x = await acceptance.check(latest.id, id!, { result: r as 'pass', note: opts.note }, cliActor())
          report(cmd, x, () => acceptanceText(x, opts.lang === 'ja'))
        })
      },
    )

  a.command('sign-off')
    .description('Sign off (status → in use); refused while checks or issues are open unless --accept-open --reason')
    .argument('<device>', 'device id or asset tag')
    .option('--note <text>', 'note printed on the report', '')
    .option('--accept-open', 'sign off although items are open (needs --reason)')
    .option('--reason <text>', 'why open items are accepted', '')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(
      async (
        device: string,
        opts: { note: string; acceptOpen?: boolean; reason: string; lang: string },
        cmd: Command,
      ) => {
        await withServices(cmd, async ({ acceptance }) => {
          const latest = await acceptance.latestFor(device)
          if (latest.state !== 'in_progress')
            throw MamoriError.of('LIFECYCLE_INVALID', {
              why: {
                en: `the latest acceptance test is ${latest.state}`,
                ja: `最新の導入時確認は ${latest.state} です`,
              },
            })
          const x = await acceptance.signOff(
            latest.id,
            { note: opts.note, acceptOpen: opts.acceptOpen === true, reason: opts.reason },
            cliActor(),
          )
          report(cmd, x, () => acceptanceText(x, opts.lang === 'ja'))
        })
      },
    )
}
