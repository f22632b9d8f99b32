import type { Command } from 'commander'
import type { DeviceRisk, RiskBand, RiskContribution, RiskProfile } from '../../../api/risk.js'
import { MamoriError } from '../../core/errors.js'
import { report, withServices } from '../context.js'
import { defaultLang, readInput } from '../files.js'
import { table } from '../table.js'

const BAND: Record<RiskBand, { ja: string; en: string }> = {
  critical: { ja: '緊急', en: 'critical' },
  high: { ja: '高', en: 'high' },
  medium: { ja: '中', en: 'medium' },
  low: { ja: '低', en: 'low' },
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))
const observed = (c: RiskContribution, ja: boolean) => (ja ? c.observedJa : c.observedEn)

/** The largest factors of a device, short: "近接度 1(患者に接続・接触) +10.2、生命維持・生命に関わる機器 +10". */
const topFactors = (d: DeviceRisk, ja: boolean, n = 5) =>
  d.contributions
    .slice(0, n)
    .map((c) => `${observed(c, ja)} ${signed(c.points)}`)
    .join(ja ? '、' : '; ')

function explainText(d: DeviceRisk, ja: boolean): string {
  const head = ja
    ? [
        `${d.assetTag ?? d.deviceId} ${[d.name, d.manufacturer, d.model].filter(Boolean).join(' ')}`,
        `リスク ${d.score} / 100(${BAND[d.band].ja})  重み付けプロファイル v${d.profileVersion}  算出 ${d.scoredAt.slice(0, 16).replace('T', ' ')}`,
        `主な理由: ${d.headlineJa}`,
        '',
      ]
    : [
        `${d.assetTag ?? d.deviceId} ${[d.name, d.manufacturer, d.model].filter(Boolean).join(' ')}`,
        `Risk ${d.score} / 100 (${BAND[d.band].en})  weight profile v${d.profileVersion}  scored ${d.scoredAt.slice(0, 16).replace('T', ' ')}`,
        `Main reasons: ${d.headlineEn}`,
        '',
      ]
  const rows = table([
    ja ? ['点数', '上限', '要因', '見えたこと', '理由'] : ['POINTS', 'MAX', 'FACTOR', 'OBSERVED', 'WHY'],
    ...d.contributions.map((c) => [
      signed(c.points),
      String(c.maxPoints),
      c.factor,
      observed(c, ja),
      ja ? c.explanationJa : c.explanationEn,
    ]),
  ])
  const none = ja ? '点数を付けた要因はありません。' : 'No factor gave points.'
  return [...head, d.contributions.length ? rows : none].join('\n')
}

function profileText(p: RiskProfile, ja: boolean): string {
  return [
    `${ja ? '重み付けプロファイル' : 'Weight profile'} v${p.version} ${p.name}${p.active ? (ja ? '(使用中)' : ' (active)') : ''}`,
    `${ja ? '区分' : 'Bands'}: critical ≥ ${p.bands.critical}, high ≥ ${p.bands.high}, medium ≥ ${p.bands.medium}`,
    `${ja ? '隔離区画' : 'Isolated segments'}: ${p.isolatedSegments.join(', ') || '-'}`,
    `${ja ? '未観測とみなす日数' : 'Stale after days'}: ${p.staleAfterDays}`,
    table([ja ? ['要因', '重み'] : ['FACTOR', 'WEIGHT'], ...Object.entries(p.weights).map(([k, v]) => [k, String(v)])]),
  ].join('\n')
}

/** `mamori risk …` (issue 10, ADR 0033). */
export function register(program: Command): void {
  const r = program
    .command('risk')
    .description('Patient-first risk per device, every point explained / 患者への影響を優先した機器ごとのリスク')

  r.command('list')
    .description('Devices ordered by risk (highest first), with the main factors of each')
    .option('--band <band>', 'only this band: critical, high, medium or low')
    .option('--department <name>', 'only this department')
    .option('--q <text>', 'only devices whose ledger text contains these words')
    .option('--limit <n>', 'at most this many', '50')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(
      async (opts: { band?: string; department?: string; q?: string; limit: string; lang: string }, cmd: Command) => {
        await withServices(cmd, async ({ risk }) => {
          if (opts.band && !(opts.band in BAND))
            throw MamoriError.of('INVALID_INPUT', {
              problems: `--band ${opts.band}: use critical, high, medium or low / critical・high・medium・low のいずれか`,
            })
          const out = await risk.list({
            band: opts.band as RiskBand | undefined,
            department: opts.department,
            q: opts.q,
            limit: Math.min(10_000, Math.max(1, Number(opts.limit) || 50)),
            offset: 0,
          })
          const ja = opts.lang === 'ja'
          report(cmd, out, () =>
            out.items.length === 0
              ? ja
                ? '該当する機器はありません。'
                : 'No devices match.'
              : [
                  table([
                    ja
                      ? ['資産番号', '点数', '区分', '機器', '部署', '主な理由', '要因(点数)']
                      : ['ASSET TAG', 'SCORE', 'BAND', 'DEVICE', 'DEPARTMENT', 'HEADLINE', 'FACTORS (POINTS)'],
                    ...out.items.map((d) => [
                      d.assetTag ?? d.deviceId.slice(0, 8),
                      String(d.score),
                      ja ? BAND[d.band].ja : BAND[d.band].en,
                      [d.name, d.manufacturer, d.model].filter(Boolean).join(' ').slice(0, 40),
                      d.department ?? '',
                      ja ? d.headlineJa : d.headlineEn,
                      topFactors(d, ja),
                    ]),
                  ]),
                  ja
                    ? `${out.total} 台中 ${out.items.length} 台(プロファイル v${out.profileVersion})`
                    : `${out.items.length} of ${out.total} devices (profile v${out.profileVersion})`,
                ].join('\n'),
          )
        })
      },
    )

  r.command('explain <device>')
    .description("One device's score with every factor's points and why (DEVICE: id or asset tag)")
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (device: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ risk, catalog }) => {
        const d = await risk.explain(await catalog.deviceId(device))
        report(cmd, d, () => explainText(d, opts.lang === 'ja'))
      })
    })

  r.command('rescore')
    .description('Re-score every device now (after scans, matching or ledger changes)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ risk }) => {
        const s = await risk.rescore({ id: null, name: 'cli' })
        const ja = opts.lang === 'ja'
        report(cmd, s, () =>
          ja
            ? `${s.devices} 台を再計算しました。緊急 ${s.byBand.critical}・高 ${s.byBand.high}・中 ${s.byBand.medium}・低 ${s.byBand.low}、平均 ${s.meanScore}`
            : `Re-scored ${s.devices} devices: critical ${s.byBand.critical}, high ${s.byBand.high}, medium ${s.byBand.medium}, low ${s.byBand.low}; mean ${s.meanScore}`,
        )
      })
    })

  const p = r.command('profile').description('The weight profile / 重み付けプロファイル')
  p.command('show')
    .description('The active weight profile')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ risk }) => {
        const prof = await risk.getProfile()
        report(cmd, prof, () => profileText(prof, opts.lang === 'ja'))
      })
    })
  p.command('set <file>')
    .description('Publish a new profile version from a JSON file (name, weights, bands, isolatedSegments…); re-scores')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (file: string, opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ risk }) => {
        let input: unknown
        try {
          input = JSON.parse((await readInput(file)).toString('utf8'))
        } catch (err) {
          if (err instanceof MamoriError) throw err
          throw MamoriError.of('INVALID_INPUT', {
            problems: `${file}: not JSON (${(err as Error).message}) / JSON として読めません`,
          })
        }
        const prof = await risk.putProfile({ id: null, name: 'cli' }, input)
        report(cmd, prof, () => profileText(prof, opts.lang === 'ja'))
      })
    })
}
