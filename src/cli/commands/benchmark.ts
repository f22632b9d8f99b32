import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Command } from 'commander'
import type { CohortReport, IndicatorValue } from '../../../api/benchmark.js'
import { MAX_FILE_BYTES } from '../../core/benchmark/profile.js'
import { MamoriError } from '../../core/errors.js'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { defaultLang } from '../files.js'
import { table } from '../table.js'

const UNIT: Record<string, { ja: string; en: string }> = {
  percent: { ja: '%', en: '%' },
  per100: { ja: '件/100台', en: '/100 devices' },
  days: { ja: '日', en: 'days' },
  count: { ja: '件', en: '' },
}
const fmt = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(1))

function indicatorTable(items: readonly IndicatorValue[], ja: boolean): string {
  return table([
    ja ? ['指標', '値', '単位', '分子', '分母', '計算式'] : ['INDICATOR', 'VALUE', 'UNIT', 'NUM', 'DEN', 'FORMULA'],
    ...items.map((i) => [
      ja ? i.titleJa : i.titleEn,
      fmt(i.value),
      ja ? UNIT[i.unit]!.ja : UNIT[i.unit]!.en,
      fmt(i.numerator),
      fmt(i.denominator),
      ja ? i.formulaJa : i.formulaEn,
    ]),
  ])
}

/** The cohort report as text: one table per published cohort; suppressed cells shown as 秘匿/suppressed and why. */
export function cohortText(r: CohortReport, ja: boolean): string {
  const title = new Map(r.definitions.map((d) => [d.id, ja ? d.titleJa : d.titleEn]))
  const hidden = ja ? '秘匿' : 'suppressed'
  const out: string[] = [
    ja
      ? `ベンチマーク コホート報告（${r.createdAt.slice(0, 10)}、${r.profiles} 病院、${r.minCohort} 病院未満の値と他から求められる値は秘匿、分位点は線形補間）`
      : `Benchmark cohort report (${r.createdAt.slice(0, 10)}, ${r.profiles} hospitals; figures from fewer than ${r.minCohort} hospitals and figures derivable from others are suppressed; percentiles by linear interpolation)`,
  ]
  const notes = new Map<string, number>()
  const note = (why: string | null) => {
    if (!why) return ''
    if (!notes.has(why)) notes.set(why, notes.size + 1)
    return ` (${notes.get(why)})`
  }
  const suppressedCohorts = new Map<string, string[]>()
  for (const c of r.cohorts) {
    const label = ja ? c.labelJa : c.labelEn
    if (c.suppressed) {
      const why = (ja ? c.indicators[0]?.reasonJa : c.indicators[0]?.reasonEn) ?? ''
      suppressedCohorts.set(why, [...(suppressedCohorts.get(why) ?? []), label])
      continue
    }
    out.push('', ja ? `${label}（${c.size} 病院）` : `${label} (${c.size} hospitals)`)
    out.push(
      table([
        ja
          ? ['指標', 'n', '10%', '25%', '中央値', '75%', '90%']
          : ['INDICATOR', 'N', 'P10', 'P25', 'MEDIAN', 'P75', 'P90'],
        ...c.indicators.map((i) =>
          i.suppressed
            ? [title.get(i.id) ?? i.id, `${hidden}${note(ja ? i.reasonJa : i.reasonEn)}`, '', '', '', '', '']
            : [title.get(i.id) ?? i.id, String(i.n), fmt(i.p10), fmt(i.p25), fmt(i.median), fmt(i.p75), fmt(i.p90)],
        ),
      ]),
    )
  }
  for (const [why, labels] of suppressedCohorts)
    out.push(
      '',
      `${ja ? '秘匿したコホート' : 'Suppressed cohorts'}${note(why || null)}: ${labels.join(ja ? '、' : ', ')}`,
    )
  if (notes.size > 0) {
    out.push('', ja ? '秘匿の理由:' : 'Why suppressed:')
    for (const [why, n] of notes) out.push(`  (${n}) ${why}`)
  }
  return out.join('\n')
}

/** The files of an import: a folder's *.json files (sorted), or the files named. */
async function filesOf(paths: readonly string[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = []
  for (const p of paths) {
    const st = await stat(p)
    const list = st.isDirectory()
      ? (await readdir(p))
          .filter((f) => f.toLowerCase().endsWith('.json'))
          .sort()
          .map((f) => join(p, f))
      : [p]
    for (const f of list) {
      const size = (await stat(f)).size
      if (size > MAX_FILE_BYTES)
        throw MamoriError.of('BENCHMARK_PROFILE_INVALID', {
          file: basename(f),
          why: {
            ja: `ファイルが大きすぎます（${size} バイト、上限 ${MAX_FILE_BYTES} バイト）`,
            en: `the file is too large (${size} bytes, at most ${MAX_FILE_BYTES})`,
          },
        })
      out.push({ name: basename(f), bytes: await readFile(f) })
    }
  }
  return out
}

/** `mamori benchmark …` (issue 10). */
export function register(program: Command): void {
  const b = program
    .command('benchmark')
    .description('Indicators and anonymous benchmarking between hospitals / 指標と病院間の匿名ベンチマーク')

  b.command('indicators')
    .description("This hospital's indicator values, each with its formula")
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ benchmark }) => {
        const items = await benchmark.indicators()
        report(cmd, { items }, () => indicatorTable(items, opts.lang === 'ja'))
      })
    })

  b.command('settings')
    .description('Show or change the bed-count band, region and smallest published group (minCohort ≥ 3)')
    .option('--bed-band <band>', '1-19 | 20-99 | 100-199 | 200-399 | 400-699 | 700+')
    .option('--region <region>', 'hokkaido | tohoku | kanto | chubu | kinki | chugoku | shikoku | kyushu')
    .option('--min-cohort <n>', 'smallest group a published figure may be drawn from (at least 3)')
    .action(async (opts: { bedBand?: string; region?: string; minCohort?: string }, cmd: Command) => {
      await withServices(cmd, async ({ benchmark }) => {
        let s = await benchmark.settings()
        if (opts.bedBand !== undefined || opts.region !== undefined || opts.minCohort !== undefined)
          s = await benchmark.saveSettings(cliActor(), {
            bedBand: opts.bedBand ?? s.bedBand,
            region: opts.region ?? s.region,
            minCohort: opts.minCohort === undefined ? s.minCohort : Number(opts.minCohort),
          })
        report(cmd, s, () => `bedBand: ${s.bedBand ?? '-'}\nregion: ${s.region ?? '-'}\nminCohort: ${s.minCohort}`)
      })
    })

  b.command('export')
    .description('Write the anonymous profile of this hospital (refused when it could identify the hospital)')
    .requiredOption('--out <file>', 'where to write the profile (.json)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { out: string; lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ benchmark }) => {
        const profile = await benchmark.exportProfile(cliActor())
        await writeFile(opts.out, `${JSON.stringify(profile, null, 2)}\n`)
        report(cmd, { out: opts.out, profileId: profile.profileId, period: profile.period }, () =>
          opts.lang === 'ja'
            ? `匿名プロファイルを書き出しました: ${opts.out}（${profile.period}、${profile.bedBand} 床、${profile.region}）`
            : `Anonymous profile written: ${opts.out} (${profile.period}, ${profile.bedBand} beds, ${profile.region})`,
        )
      })
    })

  b.command('import')
    .description('Import a folder (or files) of profiles and/or one published cohort report; all or nothing')
    .argument('<paths...>', 'a folder of .json files, or files')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (paths: string[], opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ benchmark }) => {
        const out = await benchmark.importFiles(cliActor(), await filesOf(paths))
        report(cmd, out, () =>
          opts.lang === 'ja'
            ? `取り込みました: プロファイル ${out.profiles} 件、コホート報告 ${out.cohortReports} 件（保存済みのプロファイル ${out.totalProfiles} 件）`
            : `Imported ${out.profiles} profiles and ${out.cohortReports} cohort reports (${out.totalProfiles} profiles stored)`,
        )
      })
    })

  b.command('compare')
    .description('The cohort report over the imported profiles; small and derivable figures suppressed')
    .option('--out <file>', 'also write the publishable report (.json)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { out?: string; lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ benchmark }) => {
        const r = await benchmark.compare()
        if (opts.out) await writeFile(opts.out, `${JSON.stringify(r, null, 2)}\n`)
        report(cmd, r, () => cohortText(r, opts.lang === 'ja'))
      })
    })

  b.command('position')
    .description('This hospital against the last imported cohort report: percentile per indicator (higher is better)')
    .option('--lang <lang>', 'ja or en', defaultLang())
    .action(async (opts: { lang: string }, cmd: Command) => {
      await withServices(cmd, async ({ benchmark }) => {
        const p = await benchmark.position()
        const ja = opts.lang === 'ja'
        report(cmd, p, () =>
          !p
            ? ja
              ? 'コホート報告がまだ取り込まれていません（mamori benchmark import 報告.json）。'
              : 'No cohort report imported yet (mamori benchmark import report.json).'
            : table([
                ja
                  ? ['指標', '当院', 'パーセンタイル', '25%', '中央値', '75%']
                  : ['INDICATOR', 'OURS', 'PERCENTILE', 'P25', 'MEDIAN', 'P75'],
                ...p.items.map((i) => [
                  ja ? i.titleJa : i.titleEn,
                  fmt(i.value),
                  i.suppressed ? (ja ? '秘匿' : 'suppressed') : fmt(i.percentile),
                  fmt(i.p25),
                  fmt(i.median),
                  fmt(i.p75),
                ]),
              ]),
        )
      })
    })
}
