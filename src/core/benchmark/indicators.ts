import type { IndicatorDefinition, IndicatorValue } from '../../../api/benchmark.js'

/**
 * The benchmark indicators as data (issue 10 item 4, ADR 0036): each with its formula in words, in Japanese and
 * English, so a reader sees exactly what was counted. `compute` turns {@link IndicatorFacts} (set-based counts from
 * the repository, never one row per device) into a numerator and a denominator; the value is null when the
 * denominator is 0 (nothing to measure). Ids are part of the profile format: never rename one, add a new id instead.
 */
export interface IndicatorFacts {
  /** Ledger devices with status in_use. */
  inUseDevices: number
  /** In-use devices with an owner (responsible person or department) and a location. */
  inUseWithOwnerAndLocation: number
  /** In-use devices with at least one IP address in the ledger ("networked"). */
  networkedDevices: number
  /** Networked in-use devices that discovery has seen up on the network (a linked scan host in state up). */
  networkedSeen: number
  /** Distinct addresses discovery has seen up. */
  hostsSeen: number
  /** …of which linked to a ledger device. */
  hostsSeenInLedger: number
  /** Open findings of a cleartext administration service (telnet, FTP, SMBv1, HTTP admin without TLS, VNC…). */
  cleartextAdminFindings: number
  /** In-use devices past the manufacturer's support end or whose operating system is past its end of support. */
  pastSupport: number
  /** Catalog models with at least one confirmed in-use device. */
  modelsInUse: number
  /** …of which with a manufacturer disclosure (MDS2 / MDS-SDS) on file. */
  modelsWithDisclosure: number
  /** Days from first seen to last seen of each fixed high/critical finding (last seen approximates the fix). */
  daysToCloseHigh: readonly number[]
  /** Hospital checklist items answered / applicable (from the checklist module); null when it could not be read. */
  checklistAnswered: number | null
  checklistApplicable: number | null
  /** In-use devices with an affected vulnerability match on a CVE in the KEV catalog. */
  inUseWithKev: number
}

export interface IndicatorSpec extends IndicatorDefinition {
  compute(f: IndicatorFacts): { numerator: number | null; denominator: number | null; value: number | null }
}

/** numerator ÷ denominator × scale, null when the denominator is 0. */
const ratio = (numerator: number, denominator: number, scale = 100) => ({
  numerator,
  denominator,
  value: denominator > 0 ? (numerator / denominator) * scale : null,
})

/** Median with the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export const INDICATORS: readonly IndicatorSpec[] = [
  {
    id: 'owner-location',
    titleJa: '管理者と設置場所が記入された機器の割合',
    titleEn: 'Devices with an owner and a location',
    formulaJa: '管理者（担当者または管理部署）と設置場所が記入された使用中の機器 ÷ 台帳の使用中の機器 × 100',
    formulaEn:
      'in-use devices with an owner (responsible person or department) and a location ÷ in-use ledger devices × 100',
    unit: 'percent',
    betterWhen: 'higher',
    compute: (f) => ratio(f.inUseWithOwnerAndLocation, f.inUseDevices),
  },
  {
    id: 'ledger-seen',
    titleJa: 'ネットワーク上で確認できた台帳の機器の割合',
    titleEn: 'Ledger devices seen on the network',
    formulaJa:
      'ネットワーク検出で応答を確認できた、IP アドレスのある使用中の機器 ÷ IP アドレスのある使用中の機器 × 100',
    formulaEn: 'in-use devices with an IP address that discovery saw up ÷ in-use devices with an IP address × 100',
    unit: 'percent',
    betterWhen: 'higher',
    compute: (f) => ratio(f.networkedSeen, f.networkedDevices),
  },
  {
    id: 'seen-in-ledger',
    titleJa: 'ネットワーク上の機器のうち台帳にある割合',
    titleEn: 'Hosts on the network that are in the ledger',
    formulaJa: 'ネットワーク検出で応答があり台帳の機器と結び付いたアドレス ÷ 応答があったアドレス × 100',
    formulaEn: 'addresses discovery saw up that are linked to a ledger device ÷ addresses discovery saw up × 100',
    unit: 'percent',
    betterWhen: 'higher',
    compute: (f) => ratio(f.hostsSeenInLedger, f.hostsSeen),
  },
  {
    id: 'cleartext-admin',
    titleJa: '平文の管理用サービス（100 台あたり）',
    titleEn: 'Cleartext admin services per 100 networked devices',
    formulaJa:
      '未対応の平文管理サービスの指摘（Telnet・FTP・SMBv1・TLS なしの HTTP 管理画面・パスワードなし VNC など）÷ IP アドレスのある使用中の機器 × 100',
    formulaEn:
      'open findings of a cleartext admin service (Telnet, FTP, SMBv1, HTTP admin without TLS, VNC without password…) ÷ in-use devices with an IP address × 100',
    unit: 'per100',
    betterWhen: 'lower',
    compute: (f) => ratio(f.cleartextAdminFindings, f.networkedDevices),
  },
  {
    id: 'past-support',
    titleJa: 'サポート終了を過ぎた機器の割合',
    titleEn: 'Devices past support',
    formulaJa: 'メーカーのサポート終了日または OS のサポート終了日を過ぎた使用中の機器 ÷ 台帳の使用中の機器 × 100',
    formulaEn:
      "in-use devices past the manufacturer's support end or their operating system's end of support ÷ in-use ledger devices × 100",
    unit: 'percent',
    betterWhen: 'lower',
    compute: (f) => ratio(f.pastSupport, f.inUseDevices),
  },
  {
    id: 'models-disclosure',
    titleJa: 'セキュリティ情報（MDS2・MDS/SDS）がある機種の割合',
    titleEn: 'Models in use with a disclosure on file',
    formulaJa: 'MDS2 または MDS/SDS が登録された機種 ÷ 使用中の機器が確定で紐付いた機種 × 100',
    formulaEn: 'catalog models with an MDS2 or MDS/SDS on file ÷ catalog models with a confirmed in-use device × 100',
    unit: 'percent',
    betterWhen: 'higher',
    compute: (f) => ratio(f.modelsWithDisclosure, f.modelsInUse),
  },
  {
    id: 'days-to-close-high',
    titleJa: '重大・高の指摘が解消されるまでの日数（中央値）',
    titleEn: 'Median days to close high and critical findings',
    formulaJa:
      '解消済みの重大・高の指摘それぞれについて、最初に見つかった日から最後に見つかった日まで（解消日の近似）の日数の中央値',
    formulaEn:
      'median over fixed critical and high findings of the days from first seen to last seen (last seen approximates the day it was fixed)',
    unit: 'days',
    betterWhen: 'lower',
    compute: (f) => ({
      numerator: median(f.daysToCloseHigh),
      denominator: f.daysToCloseHigh.length,
      value: median(f.daysToCloseHigh),
    }),
  },
  {
    id: 'checklist-completion',
    titleJa: 'チェックリストの回答率',
    titleEn: 'Checklist completion',
    formulaJa: '医療機関確認用チェックリストの回答済みの項目 ÷ 対象の項目 × 100',
    formulaEn: 'answered items of the hospital checklist (医療機関確認用) ÷ applicable items × 100',
    unit: 'percent',
    betterWhen: 'higher',
    compute: (f) =>
      f.checklistAnswered === null || f.checklistApplicable === null
        ? { numerator: null, denominator: null, value: null }
        : ratio(f.checklistAnswered, f.checklistApplicable),
  },
  {
    id: 'kev-devices',
    titleJa: '悪用が確認された脆弱性（KEV）に該当する機器の割合',
    titleEn: 'Devices with a known exploited vulnerability',
    formulaJa: 'CISA KEV に載った CVE に該当すると判定された使用中の機器 ÷ 台帳の使用中の機器 × 100',
    formulaEn: 'in-use devices with an affected match on a CVE in CISA KEV ÷ in-use ledger devices × 100',
    unit: 'percent',
    betterWhen: 'lower',
    compute: (f) => ratio(f.inUseWithKev, f.inUseDevices),
  },
]

export const INDICATOR_IDS: ReadonlySet<string> = new Set(INDICATORS.map((i) => i.id))

/** The definitions alone (what a profile or a report carries). */
export function indicatorDefinitions(): IndicatorDefinition[] {
  return INDICATORS.map(({ compute: _c, ...d }) => d)
}

/** Facts → one value per indicator, in the order of {@link INDICATORS}. Pure. */
export function computeIndicators(f: IndicatorFacts): IndicatorValue[] {
  return INDICATORS.map(({ compute, ...d }) => ({ ...d, ...compute(f) }))
}

/** Finding rules counted as cleartext administration services (rule ids of src/core/discovery/rules). */
export const CLEARTEXT_ADMIN_RULES = [
  'telnet-cleartext',
  'ftp-cleartext',
  'ftp-anonymous',
  'smbv1-enabled',
  'http-admin-without-tls',
  'vnc-no-password',
  'cleartext-where-tls-declared',
] as const

/**
 * Operating systems past their vendor's end of support (extended support included), by a lower-cased substring of
 * "os osVersion"; dates are the vendor's published end of extended support. Deliberately short: the common embedded
 * Windows and Linux releases found in medical devices.
 */
export const OS_END_OF_SUPPORT: readonly { match: RegExp; end: string }[] = [
  { match: /windows\s*(nt|2000|me|98|95)\b/, end: '2010-07-13' },
  { match: /windows\s*xp/, end: '2014-04-08' },
  { match: /windows\s*(server\s*)?2003/, end: '2015-07-14' },
  { match: /windows\s*vista/, end: '2017-04-11' },
  { match: /windows\s*7\b/, end: '2020-01-14' },
  { match: /windows\s*(server\s*)?2008/, end: '2020-01-14' },
  { match: /windows\s*8\.1/, end: '2023-01-10' },
  { match: /windows\s*8\b(?!\.)/, end: '2016-01-12' },
  { match: /windows\s*(embedded\s*)?(standard\s*)?7|wes7|posready\s*7/, end: '2021-10-12' },
  { match: /windows\s*10\b(?!.*ltsc|.*ltsb|.*iot)/, end: '2025-10-14' },
  { match: /centos\s*(linux\s*)?[5-7]\b/, end: '2024-06-30' },
  { match: /centos\s*(linux\s*)?8\b/, end: '2021-12-31' },
]

/** True when the OS named by `os` + `version` is past its end of support on `today` (YYYY-MM-DD). */
export function osPastSupport(os: string | null, version: string | null, today: string): boolean {
  const text = `${os ?? ''} ${version ?? ''}`.toLowerCase().trim()
  if (text === '') return false
  return OS_END_OF_SUPPORT.some((e) => e.match.test(text) && e.end < today)
}
