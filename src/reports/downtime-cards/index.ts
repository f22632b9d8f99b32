import type { BcpWarning, ClinicalService, Contact, DevicePlan } from '../../../api/bcp.js'
import { renderPdf } from '../../documents/index.js'
import type { DocumentBlock, DocumentModel } from '../../documents/model.js'
import { hospitalLabel, type Lang, longDate, shortDate } from '../management/words.js'

/**
 * Downtime cards (停止時手順カード; ADR 0043): A4 portrait, one card per page, to keep at the bedside or in the
 * department. A first page sums up what is printed and the plan's warnings; then one card per clinical service and
 * one per device. A device with no saved plan prints its category's default under a notice in large type saying so —
 * never a silent gap. Composed once as a DocumentModel (the documents seam writes the PDF with the embedded font).
 */
export interface DowntimeCardsInput {
  lang: Lang
  date: string
  hospital: string | null
  services: ClinicalService[]
  devices: DevicePlan[]
  /** All services, to look up MTD and fallback of the services a device card names. */
  allServices: ClinicalService[]
  contacts: Contact[]
  /** Plan-wide warnings (cycles…) and those of the printed services and devices. */
  warnings: BcpWarning[]
}

const W = {
  ja: {
    title: '停止時手順カード',
    summary: (s: number, d: number) => `臨床サービス ${s} 件、医療機器 ${d} 台のカードを印刷しています。`,
    noPlanCount: (n: number) => `停止時手順が未作成で既定の手順を表示している機器: ${n} 台`,
    warnings: '計画の注意点',
    noWarnings: '注意点はありません。',
    more: (n: number) => `ほか ${n} 件`,
    deviceTitle: (name: string, tag: string) => `${name}　${tag}`,
    where: '設置場所',
    first: '■ まず、これをする',
    defaultIsolation: 'LAN ケーブルを抜く。電源は切らない。',
    noPlan: 'この機器の停止時手順はまだ作成されていません — 既定の手順を表示しています',
    call: '■ 連絡先',
    who: '相手',
    phone: '電話',
    maker24: '機器メーカー(24時間)',
    notSet: '未登録',
    services: '■ この機器を使う臨床サービスと代替手段',
    svcCols: ['サービス', '許容停止時間', '代替手段(手作業)'],
    noServices: 'この機器に依存する臨床サービスは登録されていません。',
    recovery: '■ 復旧の手順',
    noSteps: '復旧手順は未記入です。メーカーに確認してください。',
    validation: '■ 臨床に戻す前の確認',
    noValidation: '確認項目は未記入です。',
    backup: '設定のバックアップ',
    footer: (upd: string | null, by: string | null, date: string) =>
      `手順の最終更新: ${upd ? `${shortDate(upd)}${by ? `(${by})` : ''}` : '未保存(既定の手順)'}　印刷日: ${date}`,
    minutes: (m: number | null) => (m === null ? '未設定' : m >= 60 && m % 60 === 0 ? `${m / 60} 時間` : `${m} 分`),
    serviceTitle: (n: string) => `臨床サービス: ${n}`,
    mtd: '許容停止時間',
    decider: '切替を決める人',
    owner: '責任者',
    criticality: '重要度',
    crit: { life_critical: '生命に関わる', high: '高', medium: '中', low: '低' },
    fallback: '■ 止まったときの手作業(代替手段)',
    noFallback: '代替手段が未記入です。',
    deps: '■ このサービスが使うもの',
    depCols: ['種類', '名前', '止まると'],
    kind: { device: '機器', segment: 'ネットワーク', party: '外部', service: 'サービス' },
    strength: { hard: '停止', soft: '低下' },
    broken: '(見つからない・廃棄済み)',
    noDeps: '依存先は登録されていません。',
    svcWarnings: '■ 注意点',
    chain: '連絡体制',
    chainCols: ['名前', '役割', '電話', '次に連絡'],
  },
  en: {
    title: 'Downtime cards',
    summary: (s: number, d: number) => `Cards for ${s} clinical services and ${d} medical devices.`,
    noPlanCount: (n: number) => `Devices with no downtime plan yet (the default procedure is printed): ${n}`,
    warnings: 'Warnings of the plan',
    noWarnings: 'No warnings.',
    more: (n: number) => `${n} more`,
    deviceTitle: (name: string, tag: string) => `${name}  ${tag}`,
    where: 'Location',
    first: '■ First, do this',
    defaultIsolation: 'Unplug the LAN cable. Do not switch off the power.',
    noPlan: 'No downtime procedure has been written for this device yet — the default procedure is shown',
    call: '■ Who to call',
    who: 'Who',
    phone: 'Phone',
    maker24: 'Manufacturer (24 h)',
    notSet: 'not recorded',
    services: '■ Clinical services using this device, and their fallback',
    svcCols: ['Service', 'Tolerable downtime', 'Fallback (manual)'],
    noServices: 'No clinical service is recorded as depending on this device.',
    recovery: '■ Recovery steps',
    noSteps: 'No recovery steps written yet. Ask the manufacturer.',
    validation: '■ Checks before clinical use',
    noValidation: 'No checks written yet.',
    backup: 'Configuration backup',
    footer: (upd: string | null, by: string | null, date: string) =>
      `Procedure last updated: ${upd ? `${shortDate(upd)}${by ? ` (${by})` : ''}` : 'not saved (default procedure)'}  Printed: ${date}`,
    minutes: (m: number | null) => (m === null ? 'not set' : m >= 60 && m % 60 === 0 ? `${m / 60} h` : `${m} min`),
    serviceTitle: (n: string) => `Clinical service: ${n}`,
    mtd: 'Tolerable downtime',
    decider: 'Who decides to switch',
    owner: 'Owner',
    criticality: 'Criticality',
    crit: { life_critical: 'life-critical', high: 'high', medium: 'medium', low: 'low' },
    fallback: '■ Manual fallback while it is down',
    noFallback: 'No fallback written yet.',
    deps: '■ What this service uses',
    depCols: ['Kind', 'Name', 'If it stops'],
    kind: { device: 'Device', segment: 'Network', party: 'Outside party', service: 'Service' },
    strength: { hard: 'stops', soft: 'degrades' },
    broken: ' (missing or decommissioned)',
    noDeps: 'No dependencies recorded.',
    svcWarnings: '■ Warnings',
    chain: 'Contact chain',
    chainCols: ['Name', 'Role', 'Phone', 'Then informs'],
  },
} as const

const cut = (s: string, n: number) => {
  const chars = [...s]
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s
}

/** At most this many rows of a list on a card; the rest counted in a "ほか N 件" line, so a card stays one page. */
const MAX = { summary: 30 }

/** How much of a device card is printed (list rows and characters per text), from generous to tight. */
export interface DeviceCardBudget {
  steps: number
  stepChars: number
  checks: number
  checkChars: number
  services: number
  fallbackChars: number
  isolationChars: number
  backupChars: number
  contactChars: number
}

export const DEVICE_CARD_BUDGETS: readonly DeviceCardBudget[] = [
  {
    steps: 8,
    stepChars: 120,
    checks: 6,
    checkChars: 110,
    services: 4,
    fallbackChars: 70,
    isolationChars: 200,
    backupChars: 160,
    contactChars: 120,
  },
  {
    steps: 6,
    stepChars: 90,
    checks: 5,
    checkChars: 80,
    services: 3,
    fallbackChars: 60,
    isolationChars: 140,
    backupChars: 100,
    contactChars: 80,
  },
  {
    steps: 5,
    stepChars: 70,
    checks: 4,
    checkChars: 60,
    services: 2,
    fallbackChars: 50,
    isolationChars: 100,
    backupChars: 80,
    contactChars: 60,
  },
  {
    steps: 4,
    stepChars: 50,
    checks: 3,
    checkChars: 40,
    services: 1,
    fallbackChars: 40,
    isolationChars: 70,
    backupChars: 0,
    contactChars: 40,
  },
  {
    steps: 3,
    stepChars: 36,
    checks: 2,
    checkChars: 30,
    services: 1,
    fallbackChars: 24,
    isolationChars: 50,
    backupChars: 0,
    contactChars: 24,
  },
  {
    steps: 2,
    stepChars: 30,
    checks: 1,
    checkChars: 30,
    services: 0,
    fallbackChars: 0,
    isolationChars: 40,
    backupChars: 0,
    contactChars: 20,
  },
]

// A rough measure of how much of an A4 page blocks take (the seam's sizes: body 10.5 pt, tables 9 pt, headings 13 and
// 11.5 pt, 64 pt margins), so device cards pick their budget without a rendering each: 1,000 cards, one rendering.
const TEXT_WIDTH = 595 - 2 * 64
// Less than the page: a heading needs room for itself and about 8 lines after it or it starts the next page.
const PAGE_ROOM = 842 - 2 * 64 - 150
function ems(s: string): number {
  let n = 0
  for (const ch of s) n += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.56
  return n
}
function lines(s: string, size: number, width = TEXT_WIDTH): number {
  const perLine = Math.max(1, Math.floor(width / size))
  return s.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(ems(l) / perLine)), 0)
}
export function estimateHeight(blocks: readonly DocumentBlock[]): number {
  let h = 0
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const size = b.level === 1 ? 13 : 11.5
      h += lines(b.text, size) * (size + 3) + (b.level === 1 ? 1.2 : 0.7) * 13.5
    } else if (b.kind === 'callout') {
      h += lines(b.text, 20, TEXT_WIDTH - 20) * 23 + (b.title ? 17 : 0) + 20 + 13.5 * 0.8
    } else if (b.kind === 'paragraph') h += lines(b.text, 10.5) * 13.5
    else if (b.kind === 'list') h += b.items.reduce((n, it) => n + lines(it, 10.5, TEXT_WIDTH - 20) * 13.5, 0)
    else if (b.kind === 'table') {
      const total = b.columns.reduce((n, c) => n + c.width, 0)
      const widths = b.columns.map((c) => (TEXT_WIDTH * c.width) / total - 8)
      for (const row of [b.columns.map((c) => c.header), ...b.rows])
        h += Math.max(...row.map((cell, i) => lines(cell, 9, widths[i] ?? TEXT_WIDTH))) * 12 + 8
      h += 6
    } else h += 13.5
  }
  return h
}

/** How much of a service card is printed: from generous to tight, the first that fits one page is used. */
export interface ServiceCardBudget {
  deps: number
  contacts: number
  warnings: number
  fallback: number
}

export const SERVICE_CARD_BUDGETS: readonly ServiceCardBudget[] = [
  { deps: 10, contacts: 5, warnings: 3, fallback: 400 },
  { deps: 6, contacts: 3, warnings: 2, fallback: 250 },
  { deps: 4, contacts: 2, warnings: 1, fallback: 150 },
  { deps: 3, contacts: 0, warnings: 0, fallback: 100 },
]

function capped(items: readonly string[], n: number, more: (n: number) => string): string[] {
  return items.length > n ? [...items.slice(0, n), more(items.length - n)] : [...items]
}

/** Internal contacts a device card names: clinical engineering and IT first, then the rest in chain order. */
function internalContacts(contacts: readonly Contact[]): Contact[] {
  const internal = contacts.filter((c) => c.kind === 'internal')
  const score = (c: Contact) => {
    const s = `${c.name} ${c.role}`
    return /臨床工学|clinical eng/i.test(s) ? 0 : /情報システム|IT\b/i.test(s) ? 1 : 2
  }
  return internal
    .map((c, i) => ({ c, i }))
    .sort((a, b) => score(a.c) - score(b.c) || a.i - b.i)
    .map((x) => x.c)
}

/** The device card with the most generous budget whose estimated height fits the page. */
function deviceCard(p: DevicePlan, input: DowntimeCardsInput): DocumentBlock[] {
  let blocks: DocumentBlock[] = []
  for (const b of DEVICE_CARD_BUDGETS) {
    blocks = deviceCardWith(p, input, b)
    if (estimateHeight(blocks) <= PAGE_ROOM) break
  }
  return blocks
}

function deviceCardWith(p: DevicePlan, input: DowntimeCardsInput, b: DeviceCardBudget): DocumentBlock[] {
  const w = W[input.lang]
  const ja = input.lang === 'ja'
  const d = p.device
  const name = d.name ?? d.model ?? p.deviceId.slice(0, 8)
  const blocks: DocumentBlock[] = [
    { kind: 'heading', level: 1, text: w.deviceTitle(cut(name, 28), cut(d.assetTag ?? '', 20)) },
    {
      kind: 'paragraph',
      text: cut(
        `${w.where}: ${[d.department, d.location].filter(Boolean).join(' / ') || '—'}${d.model && d.model !== name ? `　${d.model}` : ''}`,
        70,
      ),
    },
  ]
  // Read from a step away at the bedside: the missing plan and the first thing to do, boxed in large type.
  if (!p.saved) blocks.push({ kind: 'callout', tone: 'warning', text: w.noPlan })
  const isolation = (ja ? p.isolationJa : p.isolationEn) || (ja ? p.isolationEn : p.isolationJa) || w.defaultIsolation
  blocks.push({ kind: 'callout', tone: 'danger', title: w.first, text: cut(isolation, b.isolationChars) })
  const people = internalContacts(input.contacts).slice(0, 2)
  blocks.push({ kind: 'heading', level: 2, text: w.call })
  blocks.push({
    kind: 'table',
    columns: [
      { header: w.who, width: 2 },
      { header: w.phone, width: 2 },
    ],
    rows: [
      [w.maker24, cut(p.manufacturerContact24h, b.contactChars) || w.notSet],
      ...people.map((c) => [cut(`${c.name}${c.role ? `(${c.role})` : ''}`, 40), c.phone || w.notSet]),
    ],
  })
  blocks.push({ kind: 'heading', level: 2, text: w.services })
  if (p.services.length === 0) blocks.push({ kind: 'paragraph', text: w.noServices })
  else {
    const byId = new Map(input.allServices.map((s) => [s.id, s]))
    const rows = p.services.slice(0, b.services).map((s) => {
      const full = byId.get(s.id)
      const fb = full ? (ja ? full.fallbackJa : full.fallbackEn) || full.fallbackJa : ''
      return [cut(s.name, 16), w.minutes(full?.maxDowntimeMinutes ?? null), cut(fb || '—', b.fallbackChars)]
    })
    if (p.services.length > b.services) rows.push([w.more(p.services.length - b.services), '', ''])
    blocks.push({
      kind: 'table',
      columns: w.svcCols.map((header, i) => ({ header, width: [2, 1.2, 4][i] ?? 1 })),
      rows,
    })
  }
  const steps = ja ? p.recoveryStepsJa : p.recoveryStepsEn.length > 0 ? p.recoveryStepsEn : p.recoveryStepsJa
  blocks.push({ kind: 'heading', level: 2, text: w.recovery })
  if (steps.length === 0) blocks.push({ kind: 'paragraph', text: w.noSteps })
  else
    blocks.push({
      kind: 'list',
      ordered: true,
      items: capped(
        steps.map((s) => cut(s, b.stepChars)),
        b.steps,
        w.more,
      ),
    })
  if (p.backupNote && b.backupChars > 0)
    blocks.push({ kind: 'paragraph', text: `${w.backup}: ${cut(p.backupNote, b.backupChars)}` })
  const checks = ja ? p.validationJa : p.validationEn.length > 0 ? p.validationEn : p.validationJa
  blocks.push({ kind: 'heading', level: 2, text: w.validation })
  blocks.push({
    kind: 'paragraph',
    text:
      checks.length === 0
        ? w.noValidation
        : capped(
            checks.map((c) => `□ ${cut(c, b.checkChars)}`),
            b.checks,
            w.more,
          ).join('\n'),
  })
  blocks.push({ kind: 'paragraph', text: w.footer(p.updatedAt, p.updatedBy, input.date), align: 'right' })
  return blocks
}

function serviceCard(
  s: ClinicalService,
  input: DowntimeCardsInput,
  b: ServiceCardBudget = SERVICE_CARD_BUDGETS[0]!,
): DocumentBlock[] {
  const w = W[input.lang]
  const ja = input.lang === 'ja'
  const name = ja ? s.name : s.nameEn || s.name
  const blocks: DocumentBlock[] = [
    { kind: 'heading', level: 1, text: cut(w.serviceTitle(name), 60) },
    {
      kind: 'table',
      columns: [
        { header: w.mtd, width: 1 },
        { header: w.decider, width: 1.4 },
        { header: w.owner, width: 1.4 },
        { header: w.criticality, width: 1 },
      ],
      rows: [
        [
          w.minutes(s.maxDowntimeMinutes),
          cut(s.decider ?? w.notSet, 30),
          cut(s.owner ?? w.notSet, 30),
          w.crit[s.criticality],
        ],
      ],
    },
    { kind: 'heading', level: 2, text: w.fallback },
  ]
  const fb = (ja ? s.fallbackJa : s.fallbackEn) || s.fallbackJa || s.fallbackEn
  blocks.push(fb ? { kind: 'heading', level: 1, text: cut(fb, b.fallback) } : { kind: 'paragraph', text: w.noFallback })
  blocks.push({ kind: 'heading', level: 2, text: w.deps })
  if (s.dependencies.length === 0) blocks.push({ kind: 'paragraph', text: w.noDeps })
  else {
    const rows = s.dependencies
      .slice(0, b.deps)
      .map((d) => [w.kind[d.target.kind], cut(`${d.label}${d.broken ? w.broken : ''}`, 60), w.strength[d.strength]])
    if (s.dependencies.length > b.deps) rows.push(['', w.more(s.dependencies.length - b.deps), ''])
    blocks.push({
      kind: 'table',
      columns: w.depCols.map((header, i) => ({ header, width: [1, 4, 1][i] ?? 1 })),
      rows,
    })
  }
  const people = input.contacts.filter((c) => c.kind === 'internal' || c.kind === 'vendor').slice(0, b.contacts)
  if (people.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: w.call })
    blocks.push({
      kind: 'table',
      columns: [
        { header: w.who, width: 2 },
        { header: w.phone, width: 2 },
      ],
      rows: people.map((c) => [cut(`${c.name}${c.role ? `(${c.role})` : ''}`, 40), c.phone || w.notSet]),
    })
  }
  if (s.warnings.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: w.svcWarnings })
    blocks.push({
      kind: 'list',
      ordered: false,
      items: capped(
        s.warnings.map((x) => cut(ja ? x.messageJa : x.messageEn, 120)),
        b.warnings,
        w.more,
      ),
    })
  }
  blocks.push({ kind: 'paragraph', text: w.footer(s.updatedAt, s.updatedBy, input.date), align: 'right' })
  return blocks
}

/** The whole set: the summary page, then one page per service and per device. */
export function composeDowntimeCards(
  input: DowntimeCardsInput,
  serviceBudgets: ReadonlyMap<string, ServiceCardBudget> = new Map(),
): DocumentModel {
  const w = W[input.lang]
  const ja = input.lang === 'ja'
  const noPlan = input.devices.filter((d) => !d.saved).length
  const blocks: DocumentBlock[] = [
    {
      kind: 'paragraph',
      text: `${hospitalLabel(input.hospital, input.lang)} ${longDate(input.date, input.lang)}`,
      align: 'right',
    },
    { kind: 'heading', level: 1, text: w.title },
    { kind: 'paragraph', text: w.summary(input.services.length, input.devices.length) },
  ]
  if (noPlan > 0) blocks.push({ kind: 'paragraph', text: w.noPlanCount(noPlan), bold: true })
  blocks.push({ kind: 'heading', level: 2, text: w.warnings })
  const warnings = input.warnings.map((x) => (ja ? x.messageJa : x.messageEn))
  blocks.push(
    warnings.length === 0
      ? { kind: 'paragraph', text: w.noWarnings }
      : { kind: 'list', ordered: false, items: capped(warnings, MAX.summary, w.more) },
  )
  if (input.contacts.length > 0) {
    const names = new Map(input.contacts.map((c) => [c.id, c.name]))
    const rows = input.contacts.slice(0, MAX.summary).map((c) => [
      cut(c.name, 30),
      cut(c.role, 30),
      c.phone || w.notSet,
      cut(
        c.notifies
          .map((n) => names.get(n) ?? '')
          .filter(Boolean)
          .join('、'),
        50,
      ),
    ])
    if (input.contacts.length > MAX.summary) rows.push([w.more(input.contacts.length - MAX.summary), '', '', ''])
    blocks.push(
      { kind: 'heading', level: 2, text: w.chain },
      { kind: 'table', columns: w.chainCols.map((header, i) => ({ header, width: [2, 2.4, 1.6, 2.4][i] ?? 1 })), rows },
    )
  }
  for (const s of input.services) blocks.push({ kind: 'pageBreak' }, ...serviceCard(s, input, serviceBudgets.get(s.id)))
  for (const d of input.devices) blocks.push({ kind: 'pageBreak' }, ...deviceCard(d, input))
  return { lang: input.lang, title: w.title, author: hospitalLabel(input.hospital, input.lang), blocks }
}

/** Pages of a PDF pdfkit wrote (page objects are `/Type /Page`; the page tree is `/Type /Pages`). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0
}

/**
 * The cards as one PDF. A service card can hold many dependencies, warnings and a long fallback, so each is first
 * rendered alone with the most generous budget that keeps it on one page (services are few; device cards have fixed
 * caps that fit, so 1,000 of them cost one rendering).
 */
export async function downtimeCardsPdf(input: DowntimeCardsInput): Promise<{ doc: DocumentModel; pdf: Buffer }> {
  const budgets = new Map<string, ServiceCardBudget>()
  for (const s of input.services) {
    for (const b of SERVICE_CARD_BUDGETS) {
      budgets.set(s.id, b)
      const blocks = serviceCard(s, input, b)
      // Clearly short enough by the estimate: no need to render it to know.
      if (estimateHeight(blocks) <= PAGE_ROOM) break
      if (pdfPages(await renderPdf({ lang: input.lang, title: s.name, blocks })) <= 1) break
    }
  }
  const doc = composeDowntimeCards(input, budgets)
  return { doc, pdf: await renderPdf(doc) }
}
