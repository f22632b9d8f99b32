import type { Action } from '../../../api/actions.js'
import type { BenchmarkPosition } from '../../../api/benchmark.js'
import type { ChecklistView } from '../../../api/checklist.js'
import type { DeviceRisk, RiskSummary, RiskTrendPoint } from '../../../api/risk.js'
import type { ChartBlock, DocumentBlock, DocumentModel } from '../../documents/model.js'
import {
  BAND_COLOR,
  BAND_ORDER,
  BAND_WORD,
  dec,
  hospitalLabel,
  type Lang,
  longDate,
  num,
  STATUS_WORD,
  shortDate,
} from './words.js'

export * from './words.js'

/** What the management report is made from: what the readers answer, the same data the UI shows. */
export interface ManagementInput {
  lang: Lang
  /** The report date, yyyy-mm-dd. */
  date: string
  hospital: string | null
  summary: RiskSummary
  /** Oldest first (risk.trend(180)). */
  trend: RiskTrendPoint[]
  /** Most urgent first (actions.list). */
  actions: Action[]
  actionCounts: { open: number; overdue: number; accepted: number }
  /** Highest score first (risk.list). */
  devices: DeviceRisk[]
  checklist: ChecklistView | null
  /** null: no cohort report imported yet. */
  benchmark: BenchmarkPosition | null
}

const TOP = 10

/**
 * The management report (経営層向け) as a `DocumentModel`: headline risk with devices per band, the trend and what
 * changed, the top 10 actions and devices, the MHLW checklist status, the benchmark position and a glossary. Short
 * sentences; every technical word is explained in the glossary at the end.
 */
export function composeManagement(input: ManagementInput): DocumentModel {
  const ja = input.lang === 'ja'
  const w = ja ? JA : EN
  const hospital = hospitalLabel(input.hospital, input.lang)
  const s = input.summary
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: longDate(input.date, input.lang), align: 'right' },
    { kind: 'heading', level: 1, text: w.title(hospital), align: 'center' },
    { kind: 'paragraph', text: w.purpose },
    // 1. Headline
    { kind: 'heading', level: 2, text: w.h.headline },
  ]
  if (s.devices === 0) {
    blocks.push({ kind: 'paragraph', text: w.noDevices })
  } else {
    const urgent = s.byBand.critical + s.byBand.high
    blocks.push(
      { kind: 'paragraph', text: w.headline(s.devices, dec(s.meanScore), urgent), bold: true },
      bandChart(input.lang, w.bandChartTitle, s),
    )
  }
  // 2. Trend and what changed
  blocks.push({ kind: 'heading', level: 2, text: w.h.trend })
  if (input.trend.length < 2) {
    blocks.push({ kind: 'paragraph', text: w.noTrend })
  } else {
    const first = input.trend[0]!
    const last = input.trend[input.trend.length - 1]!
    blocks.push(
      { kind: 'paragraph', text: w.changed(first, last) },
      {
        kind: 'chart',
        chart: 'line',
        title: w.trendChartTitle,
        unit: ja ? '点' : 'points',
        series: [{ name: w.meanScore, color: 'accent' }],
        points: input.trend.map((p) => ({ label: p.date, values: [p.meanScore] })),
      },
    )
  }
  // 3. Top actions
  blocks.push({ kind: 'heading', level: 2, text: w.h.actions })
  const actions = input.actions.filter((a) => a.status !== 'done').slice(0, TOP)
  if (actions.length === 0) {
    blocks.push({ kind: 'paragraph', text: w.noActions })
  } else {
    const c = input.actionCounts
    blocks.push(
      { kind: 'paragraph', text: w.actionsIntro(c.open, c.overdue, c.accepted), keepWithNext: true },
      {
        kind: 'table',
        columns: w.actionColumns.map((header, i) => ({ header, width: [0.6, 4.4, 1.6, 1.9, 1.3, 1.1][i] ?? 1 })),
        rows: actions.map((a, i) => [
          String(i + 1),
          `${ja ? a.titleJa : a.titleEn}${a.knownExploited ? (ja ? '（攻撃で悪用あり）' : ' (exploited in attacks)') : ''}`,
          a.owner ?? w.noOwner,
          `${shortDate(a.dueOn)}${a.overdue ? (ja ? '\n期限超過' : '\noverdue') : ''}`,
          STATUS_WORD[input.lang][a.status] ?? a.status,
          num(a.deviceCount),
        ]),
      },
    )
  }
  // 4. Riskiest devices
  blocks.push({ kind: 'heading', level: 2, text: w.h.devices })
  const devices = input.devices.slice(0, TOP)
  if (devices.length === 0) {
    blocks.push({ kind: 'paragraph', text: w.noDevices })
  } else {
    blocks.push(
      { kind: 'paragraph', text: w.devicesIntro, keepWithNext: true },
      {
        kind: 'table',
        columns: w.deviceColumns.map((header, i) => ({ header, width: [0.7, 3, 2, 1.2, 4][i] ?? 1 })),
        rows: devices.map((d, i) => [
          String(i + 1),
          [d.assetTag, d.name ?? [d.manufacturer, d.model].filter(Boolean).join(' ')].filter(Boolean).join(' ') ||
            d.deviceId.slice(0, 8),
          [d.department, d.location].filter(Boolean).join(' / ') || '—',
          `${d.score} (${BAND_WORD[input.lang][d.band]})`,
          ja ? d.headlineJa : d.headlineEn,
        ]),
      },
    )
  }
  // 5. Checklist
  blocks.push({ kind: 'heading', level: 2, text: w.h.checklist })
  const cl = input.checklist
  if (!cl || cl.completion.total === 0) {
    blocks.push({ kind: 'paragraph', text: w.noChecklist })
  } else {
    const c = cl.completion
    blocks.push(
      { kind: 'paragraph', text: w.checklistLine(c.total, c.answered, c.yes, c.no, c.overdue) },
      {
        kind: 'chart',
        chart: 'stackedBar',
        title: w.checklistChartTitle,
        unit: ja ? '項目' : 'items',
        series: [
          { name: ja ? 'はい' : 'Yes', color: 'low' },
          { name: ja ? 'いいえ' : 'No', color: 'high' },
          { name: ja ? '未回答' : 'Not answered', color: 'grey' },
        ],
        points: [
          {
            label: ja ? `${cl.edition.fiscalYearJa} 医療機関確認用` : 'Hospital form',
            values: [c.yes, c.no, c.total - c.answered],
          },
        ],
        max: c.total,
      },
    )
    const noRows = cl.rows.filter((r) => r.answer.answer === 'no')
    if (noRows.length > 0) {
      blocks.push(
        { kind: 'paragraph', text: w.noItemsIntro, keepWithNext: true },
        {
          kind: 'table',
          columns: w.noColumns.map((header, i) => ({ header, width: [0.8, 6, 1.6, 1.6][i] ?? 1 })),
          rows: noRows.map((r) => [
            r.item.id,
            `${ja ? r.item.textJa : r.item.textEn}${r.item.wording === 'summary' ? (ja ? '（要旨）' : ' (summary)') : ''}`,
            shortDate(r.answer.targetOn),
            r.answer.responsible ?? '—',
          ]),
        },
      )
    }
  }
  // 6. Benchmark
  blocks.push({ kind: 'heading', level: 2, text: w.h.benchmark })
  const b = input.benchmark
  if (!b) {
    blocks.push({ kind: 'paragraph', text: w.noBenchmark })
  } else {
    blocks.push(
      { kind: 'paragraph', text: w.benchmarkIntro(b.cohortSize, shortDate(b.reportCreatedAt)) },
      {
        kind: 'chart',
        chart: 'bar',
        title: w.benchmarkChartTitle,
        max: 100,
        marker: { value: 50, label: w.middle },
        series: [{ name: w.percentile, color: 'accent' }],
        points: b.items.map((i) => {
          const label = ja ? i.titleJa : i.titleEn
          if (i.suppressed) return { label, values: [0], note: w.suppressed }
          if (i.percentile === null) return { label, values: [0], note: w.notMeasured }
          return { label, values: [i.percentile] }
        }),
      },
      { kind: 'paragraph', text: w.benchmarkHow },
    )
  }
  // 7. Glossary
  blocks.push({ kind: 'heading', level: 2, text: w.h.glossary }, { kind: 'list', ordered: false, items: w.glossary })
  return { lang: input.lang, title: w.title(hospital), author: hospital, blocks }
}

/** Devices per risk band as one stacked bar (band colours fixed). */
export function bandChart(lang: Lang, title: string, s: RiskSummary): ChartBlock {
  return {
    kind: 'chart',
    chart: 'stackedBar',
    title,
    unit: lang === 'ja' ? '台' : 'devices',
    series: BAND_ORDER.map((band) => ({ name: BAND_WORD[lang][band], color: BAND_COLOR[band] })),
    points: [{ label: lang === 'ja' ? '全機器' : 'All devices', values: BAND_ORDER.map((band) => s.byBand[band]) }],
  }
}

/** One decimal, halves away from zero (so a fall of 7.25 reads 7.3, as a rise of 7.25 does). */
const roundHalfAway = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10

const bandDelta = (first: RiskTrendPoint, last: RiskTrendPoint) => ({
  urgent: last.byBand.critical + last.byBand.high - (first.byBand.critical + first.byBand.high),
  score: roundHalfAway(last.meanScore - first.meanScore),
})

const JA = {
  title: (h: string) => `${h} 医療機器サイバーセキュリティ報告（経営層向け）`,
  purpose:
    'この報告は、院内のネットワークにつながる医療機器の安全の状態を、経営判断に必要な点に絞ってまとめたものです。数値はすべて Mamori の画面と同じデータから作っています。専門用語は最後の「用語の説明」で説明します。',
  h: {
    headline: '1. 全体の状況',
    trend: '2. これまでの変化',
    actions: '3. 優先して行う対策（上位10件）',
    devices: '4. 危険度の高い機器（上位10台）',
    checklist: '5. 厚生労働省チェックリストの状況',
    benchmark: '6. 他の病院との比較',
    glossary: '7. 用語の説明',
  },
  headline: (n: number, mean: string, urgent: number) =>
    `対象の機器は ${num(n)} 台です。リスクスコアの平均は ${mean} 点（100点満点、低いほど安全）です。` +
    (urgent > 0
      ? `「緊急」または「高」の機器が ${num(urgent)} 台あり、優先して対策が必要です。`
      : '「緊急」「高」の機器はありません。'),
  bandChartTitle: 'リスク区分ごとの機器の台数',
  noDevices: '機器台帳に機器がまだ登録されていないか、リスクがまだ計算されていません。まず台帳を登録してください。',
  noTrend: '変化を示すには2日分以上の記録が必要です。記録は毎日の再計算で自動的にたまります。',
  changed: (first: RiskTrendPoint, last: RiskTrendPoint) => {
    const d = bandDelta(first, last)
    const score =
      d.score === 0
        ? '平均スコアは変わっていません'
        : d.score < 0
          ? `平均スコアは ${dec(-d.score)} 点下がりました（改善）`
          : `平均スコアは ${dec(d.score)} 点上がりました（悪化）`
    const urgent =
      d.urgent === 0
        ? '「緊急」「高」の台数は同じです'
        : d.urgent < 0
          ? `「緊急」「高」の機器は ${num(-d.urgent)} 台減りました`
          : `「緊急」「高」の機器は ${num(d.urgent)} 台増えました`
    return `${first.date} から ${last.date} までに、${score}。${urgent}。`
  },
  trendChartTitle: '平均リスクスコアの推移（点）',
  meanScore: '平均スコア',
  noActions: '対応が必要な対策はありません。',
  actionsIntro: (open: number, overdue: number, accepted: number) =>
    `未完了の対策は ${num(open)} 件で、そのうち ${num(overdue)} 件が期限を過ぎています。リスク受容（理由を記録して承認済み）は ${num(accepted)} 件です。急ぐ順に示します。`,
  actionColumns: ['順位', '対策', '担当者', '期限', '状況', '台数'],
  noOwner: '未定',
  devicesIntro: 'スコアの高い順です。「主な理由」は、スコアを大きく上げている要因です。',
  deviceColumns: ['順位', '機器', '部署 / 設置場所', 'スコア', '主な理由'],
  noChecklist: 'チェックリストの回答はまだありません。',
  checklistLine: (total: number, answered: number, yes: number, no: number, overdue: number) =>
    `全 ${total} 項目のうち ${answered} 項目に回答済みです（はい ${yes}、いいえ ${no}）。` +
    (overdue > 0 ? `いいえの項目のうち ${overdue} 項目は目標日を過ぎています。` : '目標日を過ぎた項目はありません。'),
  checklistChartTitle: 'チェックリストの回答',
  noItemsIntro: '「いいえ」の項目と、対応を終える目標日です。',
  noColumns: ['番号', '確認項目', '目標日', '責任者'],
  noBenchmark: '他の病院との比較はまだありません（比較できる集計結果が取り込まれていません）。',
  benchmarkIntro: (n: number, date: string) => `${num(n)} 病院の集計（${date} 作成）と比べた当院の位置です。`,
  benchmarkChartTitle: '指標ごとの位置（パーセンタイル、右ほど良い）',
  percentile: 'パーセンタイル',
  middle: '真ん中 (50)',
  suppressed: '非公表（病院数が少ないため）',
  notMeasured: '測定できません',
  benchmarkHow: '50 が真ん中です。50 より小さい指標は、他の病院より遅れている分野です。',
  glossary: [
    'リスクスコア：機器ごとの危険度を 0〜100 点で示したものです。患者への影響、ネットワークからの届きやすさ、知られている弱点、メーカーのサポート状況から計算し、1点ごとに理由を示せます。',
    'リスク区分：スコアの目安です。「緊急」「高」は早めの対策が必要、「中」は計画的に対策、「低」は見守りです。',
    '脆弱性：機器のソフトウェアの弱点です。攻撃者に悪用されるおそれがあります。',
    '攻撃で悪用あり（KEV）：米国政府機関 CISA が「実際の攻撃で使われた」と公表した脆弱性です。最優先で対策します。',
    'リスク受容：すぐに対策できない理由を記録し、責任者が期限付きで承認したものです。',
    'パーセンタイル：他の病院と比べた位置です。75 なら、おおよそ 100 病院中で上から 25 番目にあたります。',
    '非公表：参加病院が少なく、数値から病院が特定されるおそれがあるため、集計側で公表していない数値です。',
  ],
}

const EN: typeof JA = {
  title: (h: string) => `Medical device cybersecurity report for management — ${h}`,
  purpose:
    'This report sums up how safe the networked medical devices of the hospital are, limited to what management needs to decide. Every figure comes from the same data as the Mamori screens. Technical words are explained in the glossary at the end.',
  h: {
    headline: '1. Overall picture',
    trend: '2. What changed',
    actions: '3. Actions to take first (top 10)',
    devices: '4. Devices at highest risk (top 10)',
    checklist: '5. MHLW checklist status',
    benchmark: '6. Compared with other hospitals',
    glossary: '7. Glossary',
  },
  headline: (n: number, mean: string, urgent: number) =>
    `${num(n)} devices are covered. The mean risk score is ${mean} out of 100 (lower is safer). ` +
    (urgent > 0
      ? `${num(urgent)} devices are critical or high and need action first.`
      : 'No device is critical or high.'),
  bandChartTitle: 'Devices per risk band',
  noDevices:
    'No devices are in the ledger yet, or risk has not been scored yet. Start by filling in the device ledger.',
  noTrend: 'At least two days of records are needed to show a change. They build up with the daily re-scoring.',
  changed: (first: RiskTrendPoint, last: RiskTrendPoint) => {
    const d = bandDelta(first, last)
    const score =
      d.score === 0
        ? 'the mean score did not change'
        : d.score < 0
          ? `the mean score fell by ${dec(-d.score)} points (better)`
          : `the mean score rose by ${dec(d.score)} points (worse)`
    const urgent =
      d.urgent === 0
        ? 'the number of critical and high devices is the same'
        : d.urgent < 0
          ? `${num(-d.urgent)} fewer devices are critical or high`
          : `${num(d.urgent)} more devices are critical or high`
    return `From ${first.date} to ${last.date}, ${score}; ${urgent}.`
  },
  trendChartTitle: 'Mean risk score over time (points)',
  meanScore: 'Mean score',
  noActions: 'No actions are open.',
  actionsIntro: (open: number, overdue: number, accepted: number) =>
    `${num(open)} actions are open, ${num(overdue)} of them past their due date. ${num(accepted)} risks are accepted (reason recorded and approved). Most urgent first.`,
  actionColumns: ['#', 'Action', 'Owner', 'Due', 'Status', 'Devices'],
  noOwner: 'not set',
  devicesIntro: 'Highest score first. "Main reasons" are what raises the score most.',
  deviceColumns: ['#', 'Device', 'Department / location', 'Score', 'Main reasons'],
  noChecklist: 'No checklist answers yet.',
  checklistLine: (total: number, answered: number, yes: number, no: number, overdue: number) =>
    `${answered} of ${total} items are answered (yes ${yes}, no ${no}). ` +
    (overdue > 0 ? `${overdue} of the "no" items are past their target date.` : 'No item is past its target date.'),
  checklistChartTitle: 'Checklist answers',
  noItemsIntro: 'Items answered "no" and the date by which they should be done.',
  noColumns: ['No.', 'Item', 'Target date', 'Responsible'],
  noBenchmark: 'No comparison with other hospitals is available yet (no cohort report has been imported).',
  benchmarkIntro: (n: number, date: string) =>
    `Our position against a cohort of ${num(n)} hospitals (report of ${date}).`,
  benchmarkChartTitle: 'Position per indicator (percentile; further right is better)',
  percentile: 'Percentile',
  middle: 'middle (50)',
  suppressed: 'not published (too few hospitals)',
  notMeasured: 'not measurable',
  benchmarkHow: '50 is the middle. Indicators below 50 are areas where we are behind other hospitals.',
  glossary: [
    "Risk score: how dangerous a device is, from 0 to 100. It is computed from the impact on patients, how reachable the device is on the network, known weaknesses and the maker's support, and every point has a stated reason.",
    'Risk band: a guide to the score. Critical and high need action soon, medium needs planned action, low needs watching.',
    "Vulnerability: a weakness in a device's software that attackers may use.",
    'Exploited in attacks (KEV): a vulnerability the US agency CISA lists as used in real attacks. These come first.',
    'Risk accepted: a problem that cannot be fixed now, with the reason recorded and approved by a responsible person until a set date.',
    'Percentile: our position among other hospitals. 75 means about 25th from the top out of 100 hospitals.',
    'Not published: a figure the coordinator withholds because so few hospitals took part that it could identify one.',
  ],
}
