import type { Command } from 'commander'
import type { BcpWarning, ClinicalService, DevicePlan, ImpactResult } from '../../../api/bcp.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang } from '../files.js'
import { registerPlanCommands } from './bcp-plans.js'

const CRIT = {
  life_critical: { ja: '生命に直結', en: 'life-critical' },
  high: { ja: '高', en: 'high' },
  medium: { ja: '中', en: 'medium' },
  low: { ja: '低', en: 'low' },
} as const

const minutes = (m: number | null, ja: boolean) =>
  m === null ? (ja ? '未設定' : 'not set') : ja ? `${m} 分` : `${m} min`

function warningLines(ws: readonly BcpWarning[], ja: boolean, indent = ''): string[] {
  return ws.map((w) => `${indent}${ja ? '⚠ 注意' : '⚠ warning'} [${w.code}] ${ja ? w.messageJa : w.messageEn}`)
}

/** One service as text: dependencies, tolerable downtime, fallback, who decides, its warnings. */
export function serviceText(s: ClinicalService, ja: boolean): string {
  const lines = [
    `■ ${ja ? s.name : s.nameEn || s.name}  (${ja ? CRIT[s.criticality].ja : CRIT[s.criticality].en})`,
    `  ${ja ? '許容停止時間' : 'Tolerable downtime'}: ${minutes(s.maxDowntimeMinutes, ja)}`,
    `  ${ja ? '代替手段' : 'Fallback'}: ${(ja ? s.fallbackJa : s.fallbackEn) || (ja ? '（未記入）' : '(none)')}`,
    `  ${ja ? '責任者' : 'Owner'}: ${s.owner ?? '—'}   ${ja ? '切替の判断' : 'Decides'}: ${s.decider ?? '—'}`,
    `  ${ja ? '依存先' : 'Depends on'} (${s.dependencies.length}):`,
  ]
  const shown = s.dependencies.slice(0, 30)
  for (const d of shown)
    lines.push(
      `    - [${d.target.kind}] ${d.label} (${d.strength === 'hard' ? (ja ? '停止' : 'hard') : ja ? '低下' : 'soft'})${d.broken ? (ja ? ' ※存在しない/廃棄済み' : ' ※missing or decommissioned') : ''}`,
    )
  if (s.dependencies.length > shown.length)
    lines.push(
      ja
        ? `    …ほか ${s.dependencies.length - shown.length} 件（--json で全件）`
        : `    …and ${s.dependencies.length - shown.length} more (--json shows all)`,
    )
  lines.push(...warningLines(s.warnings, ja, '  '))
  return lines.join('\n')
}

export function impactText(r: ImpactResult, ja: boolean): string {
  const lines = [
    ja ? `「${r.node.label}」（${r.node.kind}）が止まった場合` : `If "${r.node.label}" (${r.node.kind}) stops`,
    ja
      ? `停止する機器 ${r.devicesAffected} 台、最も短い許容停止時間 ${minutes(r.tightestMinutes, ja)}`
      : `${r.devicesAffected} devices stop; tightest tolerable downtime ${minutes(r.tightestMinutes, ja)}`,
  ]
  if (r.services.length === 0)
    lines.push(ja ? '影響を受ける診療サービスはありません。' : 'No clinical service is affected.')
  for (const s of r.services) {
    const effect = s.effect === 'stops' ? (ja ? '停止' : 'STOPS') : ja ? '機能低下' : 'degrades'
    lines.push(
      `■ [${effect}] ${ja ? s.name : s.nameEn || s.name}  ${ja ? '許容停止時間' : 'MTD'} ${minutes(s.maxDowntimeMinutes, ja)}`,
      `  ${ja ? '代替手段' : 'Fallback'}: ${(ja ? s.fallbackJa : s.fallbackEn) || '—'}`,
      `  ${ja ? '切替の判断' : 'Decides'}: ${s.decider ?? (ja ? '未設定' : 'not set')}`,
      `  ${ja ? '経路' : 'Path'}: ${s.path.map((p) => p.label).join(' → ')}`,
    )
  }
  lines.push(...warningLines(r.warnings, ja))
  if (r.graph.truncated > 0)
    lines.push(
      ja
        ? `（図には ${r.graph.truncated} 個のノードを省略。一覧はすべて表示）`
        : `(the picture leaves out ${r.graph.truncated} nodes; the list above has them all)`,
    )
  return lines.join('\n')
}

function planText(p: DevicePlan, ja: boolean): string {
  const steps = (xs: string[]) => xs.map((x, i) => `    ${i + 1}. ${x}`)
  return [
    `■ ${[p.device.name, p.device.assetTag].filter(Boolean).join(' ')}  ${p.device.department ?? ''} ${p.device.location ?? ''}`,
    p.saved
      ? ''
      : ja
        ? '  ※保存された計画はありません：機器分類の標準手順です'
        : '  ※No saved plan: the default for its category',
    `  ${ja ? '切り離し' : 'Isolation'}: ${ja ? p.isolationJa : p.isolationEn}`,
    `  ${ja ? '復旧手順' : 'Recovery'}:`,
    ...steps(ja ? p.recoveryStepsJa : p.recoveryStepsEn),
    `  ${ja ? '臨床使用前の確認' : 'Validation'}:`,
    ...steps(ja ? p.validationJa : p.validationEn),
    `  ${ja ? 'メーカー 24 時間窓口' : "Manufacturer's 24 h line"}: ${p.manufacturerContact24h || '—'}`,
    `  ${ja ? 'この機器が依存するもの' : 'Depends on'}: ${p.dependsOn.map((d) => d.label).join(', ') || '—'}`,
    `  ${ja ? 'この機器に依存するサービス' : 'Services depending on it'}: ${p.services.map((s) => s.name).join(', ') || '—'}`,
  ]
    .filter((l) => l !== '')
    .join('\n')
}

/**
 * `mamori bcp …` (issue 11, continuity): this file holds `services`, `impact`, `seed` and `plan`; playbooks,
 * contacts, exercises and `cards` are registered from ./bcp-plans.ts onto the same parent.
 */
export function register(program: Command): void {
  const bcp = program
    .command('bcp')
    .description('Continuity (BCP): clinical services, impact, downtime cards / 事業継続計画')

  bcp
    .command('services')
    .description('Clinical services with dependencies, tolerable downtime, fallback and warnings / 診療サービス一覧')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ bcp: svc }) => {
        const out = await svc.services()
        const ja = opts.lang === 'ja'
        report(cmd, out, () => {
          if (out.items.length === 0)
            return [
              ja
                ? '診療サービスがまだありません。`mamori bcp seed --apply` で台帳から提案を作れます。'
                : 'No clinical services yet. `mamori bcp seed --apply` proposes them from the ledger.',
              ...warningLines(out.warnings, ja),
            ].join('\n')
          return [...out.items.map((s) => serviceText(s, ja)), ...warningLines(out.warnings, ja)].join('\n\n')
        })
      })
    })

  bcp
    .command('impact')
    .description('Which clinical services stop if NODE stops (device id/asset tag, segment:NAME, party:ID, service:ID)')
    .argument('<node>', 'device id or asset tag, "segment:NAME", "party:ID", "service:ID", or a bare name')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (node: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ bcp: svc }) => {
        const out = await svc.impact(node)
        report(cmd, out, () => impactText(out, opts.lang === 'ja'))
      })
    })

  bcp
    .command('seed')
    .description('Propose clinical services from the ledger; --apply creates the missing ones / 台帳から提案')
    .option('--apply', 'create the proposed services that are not in the plan yet')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { apply?: boolean; lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ bcp: svc }) => {
        const out = await svc.seed(opts.apply === true, cliActor())
        const ja = opts.lang === 'ja'
        report(cmd, out, () =>
          [
            ...out.services.map(
              (s) =>
                `${s.exists ? (ja ? '（登録済み）' : '(exists) ') : ''}${ja ? s.name : s.nameEn}: ${s.dependencies.length} ${ja ? '件の依存先' : 'dependencies'} — ${ja ? s.reasonJa : s.reasonEn}`,
            ),
            opts.apply
              ? ja
                ? `${out.created} 件を作成しました。許容停止時間・責任者・判断者を設定してください。`
                : `Created ${out.created}. Set the tolerable downtime, owner and decider of each.`
              : ja
                ? '提案のみです。作成するには --apply を付けてください。'
                : 'A proposal only: add --apply to create them.',
          ].join('\n'),
        )
      })
    })

  bcp
    .command('plan')
    .description("A device's plan: isolation, recovery, validation, 24 h contact / 機器の停止時手順")
    .argument('<device>', 'device id or asset tag')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (device: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ bcp: svc }) => {
        const out = await svc.devicePlan(device)
        report(cmd, out, () => planText(out, opts.lang === 'ja'))
      })
    })

  registerPlanCommands(bcp)
}
