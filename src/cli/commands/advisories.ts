import type { Command } from 'commander'
import type { MatchOut } from '../../../api/vulns.js'
import { report, withServices } from '../context.js'
import { defaultLang } from '../files.js'
import { table } from '../table.js'

const DECISION: Record<MatchOut['effective'], { ja: string; en: string }> = {
  affected: { ja: '該当', en: 'affected' },
  'needs-review': { ja: '要確認', en: 'needs review' },
  'ruled-out-by-version': { ja: '対象外（バージョン）', en: 'ruled out by version' },
  'not-affected': { ja: '影響なし（VEX）', en: 'not affected (VEX)' },
  'false-positive': { ja: '誤検知（判断済み）', en: 'marked false' },
}

const why = (m: MatchOut, ja: boolean) =>
  [
    ...m.reasons.map((r) => (ja ? r.ja : r.en)),
    ...(m.review
      ? [`${ja ? '判断' : 'decision'}: ${m.review.decision} (${m.review.decidedBy}) ${m.review.note ?? ''}`]
      : []),
  ].join(ja ? '。' : '; ')

function matchRows(items: readonly MatchOut[], ja: boolean): string[][] {
  return [
    ja
      ? ['資産番号', '機器', '設置場所', '部署', '管理者', 'CVE', '判定', '悪用', '理由']
      : ['ASSET TAG', 'DEVICE', 'LOCATION', 'DEPARTMENT', 'OWNER', 'CVE', 'DECISION', 'KEV', 'WHY'],
    ...items.map((m) => [
      m.device.assetTag ?? m.device.id.slice(0, 8),
      [m.device.manufacturer, m.device.model, m.device.softwareVersion].filter(Boolean).join(' '),
      m.device.location ?? '',
      m.device.department ?? '',
      m.device.owner ?? '',
      m.cve ?? '',
      ja ? DECISION[m.effective].ja : DECISION[m.effective].en,
      m.knownExploited ? (ja ? 'あり' : 'YES') : '',
      why(m, ja),
    ]),
  ]
}

export function register(program: Command): void {
  const a = program.command('advisories').description('Advisories and the devices they concern / 脆弱性情報と該当機器')

  a.command('list')
    .description('Advisories on file, newest first, with the number of affected devices')
    .option('--device <id>', 'only advisories that concern this device (id or asset tag)')
    .option('--kev', 'only advisories with a known exploited vulnerability (CISA KEV)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .option('--limit <n>', 'at most this many', '200')
    .action(async (opts: { device?: string; kev?: boolean; lang: string; limit: string }, cmd: Command) => {
      await withServices(cmd, async ({ vulnViews, catalog }) => {
        const deviceId = opts.device ? await catalog.deviceId(opts.device) : undefined
        const out = await vulnViews.list({
          deviceId,
          kev: opts.kev || undefined,
          limit: Math.min(500, Math.max(1, Number(opts.limit) || 200)),
          offset: 0,
        })
        const ja = opts.lang === 'ja'
        report(cmd, out, () =>
          out.items.length === 0
            ? ja
              ? '該当する脆弱性情報はありません。'
              : 'No advisories match.'
            : table([
                ja
                  ? ['ID', '公開日', '該当機器', '悪用', 'CVSS', '件名']
                  : ['ID', 'RELEASED', 'AFFECTED', 'KEV', 'CVSS', 'TITLE'],
                ...out.items.map((i) => [
                  i.id,
                  (i.releasedAt ?? '').slice(0, 10),
                  String(i.affectedDevices),
                  i.knownExploited ? (ja ? 'あり' : 'YES') : '',
                  i.maxCvss?.toFixed(1) ?? '',
                  (ja ? (i.titleJa ?? i.title) : i.title).slice(0, 70),
                ]),
              ]),
        )
      })
    })

  a.command('affected')
    .description(
      'Do we have this? Every affected device with where it is, who owns it, why, and whether it is exploited',
    )
    .argument('<advisory-id>', 'e.g. ICSMA-20-049-01')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (id: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ vulnViews }) => {
        const out = await vulnViews.affected(id)
        const ja = opts.lang === 'ja'
        const t = out.advisory
        report(cmd, out, () =>
          [
            `${t.id}  ${ja ? (t.titleJa ?? t.title) : t.title}`,
            ja
              ? `該当 ${out.affected.length} 件（機器 ${new Set(out.affected.map((m) => m.device.id)).size} 台）${t.knownExploited ? ' — 悪用が確認された脆弱性（CISA KEV）を含みます' : ''}`
              : `${out.affected.length} affected (${new Set(out.affected.map((m) => m.device.id)).size} devices)${t.knownExploited ? ' — includes a known exploited vulnerability (CISA KEV)' : ''}`,
            out.affected.length > 0
              ? table(matchRows(out.affected, ja))
              : ja
                ? '該当する機器はありません。'
                : 'No device is affected.',
            ...(out.ruledOut.length > 0
              ? [ja ? '\n対象外と判断したもの:' : '\nRuled out:', table(matchRows(out.ruledOut, ja))]
              : []),
          ].join('\n'),
        )
      })
    })
}
