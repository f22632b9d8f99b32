import {
  type ClinicalFunction,
  RISK_FACTOR_IDS,
  type RiskBand,
  type RiskContribution,
  type RiskFactor,
} from '../../../api/risk.js'
import { parseCvss } from '../vulns/cvss.js'
import { EXPLANATIONS, type Text } from './explanations.js'
import { clinicalFunctionOf, type DeviceRiskFacts, isLegacyOs } from './facts.js'
import { bandOf, FACTOR_GROUP, type ScoringProfile } from './profile.js'

/**
 * Patient-first risk of one device (ADR 0033): every factor gives a fraction 0–1 of its weight (controls take it
 * away), the signed points add up, the sum is rounded and clamped to 0–100, and the band follows the profile's
 * thresholds. Deterministic and pure: the same facts, profile and day always give the same score and words.
 */

/** What one factor saw: the share of its weight, the case (which explanation applies) and the observation. */
export interface FactorReading {
  fraction: number
  /** Key into EXPLANATIONS[factor]. */
  case: string
  observed: Text
  /** A few words for the headline, when the factor gives points. */
  short?: Text
}

export interface ScoredDevice {
  score: number
  band: RiskBand
  clinicalFunction: ClinicalFunction
  /** Non-zero contributions, largest absolute first. */
  contributions: RiskContribution[]
  headlineJa: string
  headlineEn: string
  /** The contributions as stored (explanations are looked up again from factor and case when read). */
  compact: CompactContribution[]
}

/** A contribution as `device_risk.contributions` keeps it: factor, points, max points, case, observed ja/en. */
export type CompactContribution = [
  factor: string,
  points: number,
  maxPoints: number,
  caseKey: string,
  observedJa: string,
  observedEn: string,
]

/** The full contributions (with explanations) of stored compact ones. */
export function expandContributions(compact: readonly CompactContribution[]): RiskContribution[] {
  return compact
    .filter((c) => (RISK_FACTOR_IDS as string[]).includes(c[0]))
    .map(([f, p, m, k, ja, en]) => contribution(f as RiskFactor, p, m, k, { ja, en }))
}

const t = (ja: string, en: string): Text => ({ ja, en })
const DAY = 86_400_000

const FUNCTION_TEXT: Record<ClinicalFunction, Text> = {
  therapy: t('治療', 'therapy'),
  monitoring: t('監視(モニタリング)', 'monitoring'),
  diagnosis: t('診断', 'diagnosis'),
  workflow: t('診療業務システム', 'clinical workflow'),
  it: t('一般 IT 機器', 'general IT'),
}

const PROXIMITY_FRACTION = [1, 0.85, 0.6, 0.3, 0] as const
const PROXIMITY_TEXT: Text[] = [
  t('体内に植え込み', 'implanted'),
  t('患者に接続・接触', 'connected to the patient'),
  t('患者のそばでバイタル等を測定', 'measures the patient nearby'),
  t('診断に使う(患者に触れない)', 'used for diagnosis, no contact'),
  t('診療に直接使わない', 'not used on patients'),
]

/** Cleartext services as finding rules name them. */
const CLEARTEXT_RULES: Record<string, string> = {
  'telnet-cleartext': 'Telnet',
  'ftp-cleartext': 'FTP',
  'ftp-anonymous': 'FTP',
  'smbv1-enabled': 'SMBv1',
  'http-admin-without-tls': 'HTTP 管理画面',
  'vnc-no-password': 'VNC',
  'snmp-default-community': 'SNMP',
  'cleartext-where-tls-declared': '平文通信',
}
const CLEARTEXT_EN: Record<string, string> = { 'HTTP 管理画面': 'HTTP admin page', 平文通信: 'cleartext protocol' }
/** Cleartext services as open ports show them (service name or well-known port). */
function cleartextOfService(s: { port: number; transport: string; service: string | null }): string | null {
  const name = (s.service ?? '').toLowerCase()
  if (name === 'telnet' || (s.port === 23 && s.transport === 'tcp')) return 'Telnet'
  if (name === 'ftp' || (s.port === 21 && s.transport === 'tcp')) return 'FTP'
  if (name.startsWith('vnc') || (s.port >= 5900 && s.port <= 5903 && s.transport === 'tcp')) return 'VNC'
  return null
}

/** The cleartext services of a device: from open findings and from open ports, each named once, sorted. */
export function cleartextServices(f: DeviceRiskFacts): string[] {
  const names = new Set<string>()
  for (const r of f.findingRules) if (CLEARTEXT_RULES[r]) names.add(CLEARTEXT_RULES[r])
  for (const s of f.openServices) {
    const n = cleartextOfService(s)
    if (n) names.add(n)
  }
  return [...names].sort()
}

const WIRELESS: Record<string, Text> = {
  wifi: t('無線LAN', 'Wi-Fi'),
  bluetooth: t('Bluetooth', 'Bluetooth'),
  cellular: t('携帯回線', 'cellular'),
}

const CONTROL_TEXT = {
  malwareProtection: t('マルウェア対策', 'malware protection'),
  auditLog: t('監査ログ', 'audit log'),
  authentication: t('ログイン認証', 'authentication'),
}

/** A device tag that records remote maintenance as allow-listed (connection sources and times agreed, logged). */
export const ALLOWLIST_TAGS = ['remote-allowlisted', 'リモート保守許可制'] as const

const isNetworked = (f: DeviceRiskFacts) =>
  f.hasAddresses ||
  f.lastSeenAt !== null ||
  f.connectionTypes.some((c) => c === 'wired' || c === 'wifi' || c === 'cellular')

const remoteMaintenanceOf = (f: DeviceRiskFacts) =>
  f.connectionTypes.includes('remote_maintenance') || f.disclosure?.remoteService === true

// MITRE rubric: which CVSS impact metrics the device's clinical use (and PHI) raises to High.
const CVSS_MEMO = new Map<string, { score: number; raised: string[] }>()
const CVSS_MEMO_MAX = 10_000

/**
 * The CVSS base score recomputed after answering the MITRE rubric's questions for this device: therapy delivery
 * raises Integrity and Availability impact to High, monitoring raises Integrity (and Availability when life-critical),
 * diagnosis raises Integrity, handling patient information (MDS2 MPII-1) raises Confidentiality. Only raises: the
 * rubric never makes a medical device less important than the vector's author assumed.
 */
export function rubricAdjustedCvss(
  vector: string | null,
  score: number,
  fn: ClinicalFunction,
  lifeCritical: boolean,
  handlesPhi: boolean,
): { score: number; raised: string[] } {
  if (!vector) return { score, raised: [] }
  const want = new Set<string>()
  if (fn === 'therapy') for (const m of ['I', 'A']) want.add(m)
  if (fn === 'monitoring') {
    want.add('I')
    if (lifeCritical) want.add('A')
  }
  if (fn === 'diagnosis') want.add('I')
  if (handlesPhi) want.add('C')
  if (want.size === 0) return { score, raised: [] }
  const key = `${vector}|${[...want].sort().join('')}`
  const hit = CVSS_MEMO.get(key)
  if (hit) return hit
  const v4 = vector.startsWith('CVSS:4.0/')
  const raised: string[] = []
  const parts = vector.split('/').map((p) => {
    const [k, val] = p.split(':')
    const metric = v4 ? (k === 'VC' ? 'C' : k === 'VI' ? 'I' : k === 'VA' ? 'A' : null) : k
    if (metric && want.has(metric) && val !== 'H' && (v4 || ['C', 'I', 'A'].includes(k!))) {
      raised.push(`${k}:${val}→H`)
      return `${k}:H`
    }
    return p
  })
  const parsed = parseCvss(parts.join('/'))
  const out = 'error' in parsed ? { score, raised: [] } : { score: Math.max(score, parsed.baseScore), raised }
  if (CVSS_MEMO.size >= CVSS_MEMO_MAX) CVSS_MEMO.clear()
  CVSS_MEMO.set(key, out)
  return out
}

type Reader = (
  f: DeviceRiskFacts,
  ctx: { fn: ClinicalFunction; profile: ScoringProfile; today: string; now: Date },
) => FactorReading

const jaList = (xs: readonly string[]) => xs.join('・')
const enList = (xs: readonly string[]) => xs.join(', ')

/** How each factor reads the facts. */
export const FACTOR_READERS: Record<RiskFactor, Reader> = {
  patientProximity: (f) => {
    const p = f.patientProximity
    if (p === null || p < 0 || p > 4 || !Number.isInteger(p))
      return {
        fraction: 0.5,
        case: 'unknown',
        observed: t('近接度 未記入', 'proximity not filled in'),
        short: t('近接度未記入', 'proximity unknown'),
      }
    const text = PROXIMITY_TEXT[p]!
    return {
      fraction: PROXIMITY_FRACTION[p]!,
      case: `level${p}`,
      observed: t(`近接度 ${p}(${text.ja})`, `proximity ${p} (${text.en})`),
      short: p === 0 ? t('植込み機器', 'implanted') : p === 1 ? t('患者に接続', 'connected to the patient') : undefined,
    }
  },
  lifeCritical: (f) =>
    f.lifeCritical
      ? {
          fraction: 1,
          case: 'yes',
          observed: t('生命維持・生命に関わる機器', 'life-critical device'),
          short: t('生命維持', 'life-critical'),
        }
      : { fraction: 0, case: 'no', observed: t('生命維持ではない', 'not life-critical') },
  clinicalFunction: (_f, { fn }) => {
    const fraction = { therapy: 1, monitoring: 0.75, diagnosis: 0.5, workflow: 0.3, it: 0 }[fn]
    return {
      fraction,
      case: fn,
      observed: t(`用途: ${FUNCTION_TEXT[fn].ja}`, `use: ${FUNCTION_TEXT[fn].en}`),
      short: fn === 'therapy' || fn === 'monitoring' ? FUNCTION_TEXT[fn] : undefined,
    }
  },
  irreversibleHarm: (f, { fn }) => {
    if (fn === 'therapy' && f.lifeCritical)
      return {
        fraction: 1,
        case: 'therapyLifeCritical',
        observed: t('生命維持の治療機器', 'life-critical therapy'),
        short: t('取り返しのつかない害', 'irreversible harm'),
      }
    if (fn === 'therapy') return { fraction: 0.5, case: 'therapy', observed: t('治療機器', 'therapy device') }
    if (fn === 'monitoring' && f.lifeCritical)
      return {
        fraction: 0.5,
        case: 'monitoringLifeCritical',
        observed: t('生命に関わる監視機器', 'life-critical monitoring'),
      }
    return { fraction: 0, case: 'reversible', observed: t('害は取り戻せる範囲', 'harm is reversible') }
  },
  reachableServices: (f) => {
    const n = f.openServices.length
    if (n === 0 && f.lastSeenAt === null)
      return { fraction: 0, case: 'unseen', observed: t('スキャン未観測', 'not seen by a scan') }
    const fraction = n === 0 ? 0 : n <= 2 ? 0.4 : n <= 5 ? 0.7 : 1
    const ports = f.openServices
      .slice(0, 8)
      .map((s) => `${s.port}/${s.transport}`)
      .join(' ')
    return {
      fraction,
      case: n === 0 ? 'none' : 'open',
      observed:
        n === 0
          ? t('開いているポートなし', 'no open ports')
          : t(`開いているポート ${n} 個(${ports})`, `${n} open port(s) (${ports})`),
      short: n >= 6 ? t(`ポート ${n} 個公開`, `${n} open ports`) : undefined,
    }
  },
  cleartextServices: (f) => {
    const names = cleartextServices(f)
    if (names.length === 0)
      return { fraction: 0, case: 'none', observed: t('平文の管理サービスなし', 'no cleartext services') }
    const en = names.map((n) => CLEARTEXT_EN[n] ?? n)
    return {
      fraction: names.length === 1 ? 0.7 : 1,
      case: 'found',
      observed: t(`平文のサービス: ${jaList(names)}`, `cleartext services: ${enList(en)}`),
      short: t(`${jaList(names)} 公開`, `${enList(en)} open`),
    }
  },
  flatNetwork: (f, { profile }) => {
    if (!isNetworked(f))
      return {
        fraction: 0,
        case: 'offline',
        observed: t('ネットワーク接続の記録なし', 'no network connection recorded'),
      }
    if (!f.networkSegment)
      return {
        fraction: 1,
        case: 'noSegment',
        observed: t('ネットワーク区画 未記入', 'network segment not filled in'),
        short: t('区画不明', 'segment unknown'),
      }
    if (profile.isolatedSegments.includes(f.networkSegment))
      return {
        fraction: 0,
        case: 'isolated',
        observed: t(`隔離区画 ${f.networkSegment}`, `isolated segment ${f.networkSegment}`),
      }
    return {
      fraction: 1,
      case: 'notIsolated',
      observed: t(
        `区画 ${f.networkSegment}(隔離区画として登録なし)`,
        `segment ${f.networkSegment} (not registered as isolated)`,
      ),
    }
  },
  internetTraffic: (f) =>
    f.internetTraffic === null
      ? {
          fraction: 0,
          case: 'unobserved',
          observed: t('インターネット通信 未観測', 'internet traffic not observed yet'),
        }
      : f.internetTraffic
        ? {
            fraction: 1,
            case: 'seen',
            observed: t('インターネットとの通信あり', 'talks to the internet'),
            short: t('インターネット通信', 'internet traffic'),
          }
        : { fraction: 0, case: 'none', observed: t('インターネット通信なし', 'no internet traffic') },
  remoteMaintenance: (f) => {
    if (!remoteMaintenanceOf(f))
      return { fraction: 0, case: 'none', observed: t('リモート保守回線なし', 'no remote maintenance line') }
    const src = f.connectionTypes.includes('remote_maintenance')
      ? t('台帳', 'ledger')
      : t('開示資料 RMOT-1', 'disclosure RMOT-1')
    return {
      fraction: 1,
      case: 'present',
      observed: t(`リモート保守回線あり(${src.ja})`, `remote maintenance line (${src.en})`),
      short: t('リモート保守', 'remote maintenance'),
    }
  },
  wireless: (f) => {
    const ws = f.connectionTypes.filter((c) => WIRELESS[c])
    if (ws.length === 0) return { fraction: 0, case: 'none', observed: t('無線接続なし', 'no wireless') }
    return {
      fraction: 1,
      case: 'present',
      observed: t(
        `無線: ${jaList(ws.map((w) => WIRELESS[w]!.ja))}`,
        `wireless: ${enList(ws.map((w) => WIRELESS[w]!.en))}`,
      ),
    }
  },
  openFindings: (f) => {
    const { critical: c, high: h, medium: m, low: l } = f.findings
    if (c + h + m + l === 0) return { fraction: 0, case: 'none', observed: t('未対応の指摘なし', 'no open findings') }
    const fraction = Math.min(1, 0.4 * c + 0.25 * h + 0.1 * m + 0.03 * l)
    return {
      fraction,
      case: 'open',
      observed: t(
        `未対応の指摘 緊急 ${c}・高 ${h}・中 ${m}・低 ${l}`,
        `open findings: critical ${c}, high ${h}, medium ${m}, low ${l}`,
      ),
      short: c + h > 0 ? t(`重大な指摘 ${c + h} 件`, `${c + h} serious finding(s)`) : undefined,
    }
  },
  knownExploited: (f) => {
    const n = f.kevCves.length
    if (n === 0) return { fraction: 0, case: 'none', observed: t('KEV 該当なし', 'no KEV vulnerability') }
    const ids = f.kevCves.slice(0, 3).join(' ')
    return {
      fraction: 1,
      case: 'kev',
      observed: t(
        `悪用が確認された脆弱性 ${n} 件(${ids})`,
        `${n} known exploited vulnerabilit${n === 1 ? 'y' : 'ies'} (${ids})`,
      ),
      short: t('KEV 該当', 'known exploited'),
    }
  },
  epss: (f) => {
    const e = f.maxEpss
    if (!e) return { fraction: 0, case: 'none', observed: t('EPSS なし', 'no EPSS score') }
    const fraction = e.score >= 0.5 ? 1 : e.score >= 0.1 ? 0.7 : e.score >= 0.01 ? 0.3 : 0
    const pct = `${(Math.round(e.score * 1000) / 10).toFixed(1)}%`
    return {
      fraction,
      case: fraction > 0 ? 'likely' : 'unlikely',
      observed: t(`EPSS 最大 ${pct}(${e.cve})`, `highest EPSS ${pct} (${e.cve})`),
    }
  },
  cvss: (f, { fn }) => {
    const c = f.cvss
    if (!c) return { fraction: 0, case: 'none', observed: t('該当する脆弱性なし', 'no affected vulnerability') }
    const adj = rubricAdjustedCvss(c.vector, c.score, fn, f.lifeCritical, f.disclosure?.handlesPhi === true)
    const raised = adj.raised.length > 0
    return {
      fraction: Math.min(1, adj.score / 10),
      case: raised ? 'adjusted' : 'base',
      observed: raised
        ? t(
            `CVSS ${c.score.toFixed(1)} → ${adj.score.toFixed(1)}(医療機器として補正 ${adj.raised.join(' ')}、${c.cve})`,
            `CVSS ${c.score.toFixed(1)} → ${adj.score.toFixed(1)} (adjusted for clinical use ${adj.raised.join(' ')}, ${c.cve})`,
          )
        : t(`CVSS ${c.score.toFixed(1)}(${c.cve})`, `CVSS ${c.score.toFixed(1)} (${c.cve})`),
    }
  },
  publicExploit: (f) => {
    if (f.publicExploit === null)
      return { fraction: 0, case: 'unknown', observed: t('公開された攻撃コードの情報なし', 'no exploit information') }
    if (!f.publicExploit)
      return { fraction: 0, case: 'none', observed: t('公開された攻撃コードなし', 'no public exploit') }
    const ransom = f.ransomwareCves.length > 0
    return {
      fraction: 1,
      case: ransom ? 'ransomware' : 'exploit',
      observed: ransom
        ? t(
            `ランサムウェアで悪用(${f.ransomwareCves.slice(0, 3).join(' ')})`,
            `used by ransomware (${f.ransomwareCves.slice(0, 3).join(' ')})`,
          )
        : t('攻撃コードが公開されている', 'a public exploit exists'),
      short: ransom ? t('ランサムウェアで悪用', 'ransomware use') : undefined,
    }
  },
  osEndOfSupport: (f) => {
    const os = [f.os, f.osVersion].filter(Boolean).join(' ')
    if (!os) return { fraction: 0, case: 'unknown', observed: t('OS 未記入', 'OS not filled in') }
    return isLegacyOs(f.os, f.osVersion)
      ? {
          fraction: 1,
          case: 'legacy',
          observed: t(`サポート終了の OS(${os})`, `OS out of support (${os})`),
          short: t('OS サポート終了', 'OS out of support'),
        }
      : { fraction: 0, case: 'supported', observed: t(`OS ${os}`, `OS ${os}`) }
  },
  manufacturerSupportEnded: (f, { today }) =>
    !f.supportEnd
      ? { fraction: 0, case: 'unknown', observed: t('保守終了日 未記入', 'support end not filled in') }
      : f.supportEnd < today
        ? {
            fraction: 1,
            case: 'ended',
            observed: t(`製造業者の保守終了 ${f.supportEnd}`, `manufacturer support ended ${f.supportEnd}`),
            short: t('保守終了', 'support ended'),
          }
        : {
            fraction: 0,
            case: 'supported',
            observed: t(`保守終了予定 ${f.supportEnd}`, `supported until ${f.supportEnd}`),
          },
  serviceLifePassed: (f, { today }) =>
    !f.serviceLifeEnd
      ? { fraction: 0, case: 'unknown', observed: t('耐用期限 未記入', 'service life end not filled in') }
      : f.serviceLifeEnd < today
        ? {
            fraction: 1,
            case: 'passed',
            observed: t(`耐用期限切れ ${f.serviceLifeEnd}`, `service life ended ${f.serviceLifeEnd}`),
          }
        : {
            fraction: 0,
            case: 'within',
            observed: t(`耐用期限 ${f.serviceLifeEnd}`, `service life until ${f.serviceLifeEnd}`),
          },
  notPatchable: (f) => {
    const np = f.disclosure?.notPatchable ?? null
    if (f.disclosure === null)
      return {
        fraction: 0,
        case: 'noDisclosure',
        observed: t('開示資料(MDS2 など)なし', 'no disclosure (MDS2 …) on file'),
      }
    if (np === null)
      return { fraction: 0, case: 'unanswered', observed: t('パッチ適用について回答なし', 'patching not answered') }
    return np
      ? {
          fraction: 1,
          case: 'manufacturerOnly',
          observed: t('病院ではパッチを適用できない(CSUP)', 'the hospital cannot apply patches (CSUP)'),
          short: t('パッチ適用不可', 'not patchable'),
        }
      : { fraction: 0, case: 'patchable', observed: t('病院でパッチを適用できる', 'the hospital can apply patches') }
  },
  isolatedSegment: (f, { profile }) =>
    f.networkSegment && profile.isolatedSegments.includes(f.networkSegment)
      ? {
          fraction: 1,
          case: 'isolated',
          observed: t(`隔離区画 ${f.networkSegment} に設置`, `in isolated segment ${f.networkSegment}`),
        }
      : { fraction: 0, case: 'no', observed: t('隔離区画ではない', 'not in an isolated segment') },
  allowListedRemoteMaintenance: (f) => {
    if (!remoteMaintenanceOf(f))
      return { fraction: 0, case: 'noRemote', observed: t('リモート保守なし', 'no remote maintenance') }
    const tag = f.tags.find((x) => (ALLOWLIST_TAGS as readonly string[]).includes(x))
    if (tag)
      return {
        fraction: 1,
        case: 'tag',
        observed: t(`接続元を限定(タグ「${tag}」)`, `sources allow-listed (tag "${tag}")`),
      }
    if (f.disclosure?.hospitalStartsRemote === true)
      return {
        fraction: 0.5,
        case: 'hospitalStarts',
        observed: t('病院側が接続を開始する(RMOT-1.1)', 'the hospital starts sessions (RMOT-1.1)'),
      }
    return { fraction: 0, case: 'open', observed: t('接続元の限定が記録されていない', 'no allow-list recorded') }
  },
  declaredControls: (f) => {
    const cs = f.disclosure?.controls ?? []
    if (cs.length === 0)
      return {
        fraction: 0,
        case: f.disclosure ? 'none' : 'noDisclosure',
        observed: t('開示資料で宣言された対策なし', 'no controls declared in a disclosure'),
      }
    return {
      fraction: Math.min(1, cs.length / 3),
      case: 'declared',
      observed: t(
        `宣言された対策: ${jaList(cs.map((c) => CONTROL_TEXT[c].ja))}`,
        `declared controls: ${enList(cs.map((c) => CONTROL_TEXT[c].en))}`,
      ),
    }
  },
  unidentified: (f) => {
    const { state, confidence } = f.identification
    if (state === 'confirmed')
      return { fraction: 0, case: 'confirmed', observed: t('機種を確認済み', 'model confirmed') }
    if (state === 'suggested' && (confidence ?? 0) >= 0.8)
      return {
        fraction: 0.5,
        case: 'likely',
        observed: t(
          `機種の候補あり(確からしさ ${Math.round((confidence ?? 0) * 100)}%)`,
          `model suggested (${Math.round((confidence ?? 0) * 100)}% confidence)`,
        ),
      }
    if (state === 'suggested')
      return {
        fraction: 1,
        case: 'weak',
        observed: t(
          `機種の特定が不確か(${Math.round((confidence ?? 0) * 100)}%)`,
          `model uncertain (${Math.round((confidence ?? 0) * 100)}%)`,
        ),
      }
    return { fraction: 1, case: 'none', observed: t('機種が特定されていない', 'model not identified') }
  },
  notSeenRecently: (f, { profile, now }) => {
    if (f.lastSeenAt === null)
      return f.hasAddresses
        ? {
            fraction: 1,
            case: 'never',
            observed: t('アドレスはあるが一度も観測されていない', 'has addresses but was never seen'),
          }
        : { fraction: 0, case: 'noAddress', observed: t('アドレス未記入・未観測', 'no address, never seen') }
    const days = Math.floor((now.getTime() - Date.parse(f.lastSeenAt)) / DAY)
    if (days > profile.staleAfterDays)
      return {
        fraction: 1,
        case: 'stale',
        observed: t(`最後に観測されたのは ${days} 日前`, `last seen ${days} days ago`),
      }
    return {
      fraction: 0,
      case: 'recent',
      observed: t(`${Math.max(0, days)} 日前に観測`, `seen ${Math.max(0, days)} days ago`),
    }
  },
}

const round1 = (n: number) => Math.round(n * 10) / 10 + 0 // + 0: a control giving nothing is 0, not -0

/** Reads every factor (also the ones giving 0), in the profile's factor order. */
export function readFactors(
  f: DeviceRiskFacts,
  profile: ScoringProfile,
  now: Date,
): (FactorReading & { factor: RiskFactor; points: number; maxPoints: number })[] {
  const ctx = { fn: clinicalFunctionOf(f.category, f.kind), profile, today: now.toISOString().slice(0, 10), now }
  return RISK_FACTOR_IDS.map((factor) => {
    const r = FACTOR_READERS[factor](f, ctx)
    const weight = profile.weights[factor] ?? 0
    const sign = FACTOR_GROUP[factor] === 'compensatingControls' ? -1 : 1
    // Built field by field: spreading readings of many shapes is the slowest thing V8 does here (ADR 0033 bench).
    return {
      fraction: r.fraction,
      case: r.case,
      observed: r.observed,
      short: r.short,
      factor,
      maxPoints: weight,
      points: round1(sign * weight * Math.max(0, Math.min(1, r.fraction))),
    }
  })
}

/** The full contribution of a factor reading, with its explanation. */
export function contribution(
  factor: RiskFactor,
  points: number,
  maxPoints: number,
  caseKey: string,
  observed: Text,
): RiskContribution {
  const e = EXPLANATIONS[factor]?.[caseKey] ?? { ja: '', en: '' }
  return {
    factor,
    group: FACTOR_GROUP[factor],
    points,
    maxPoints,
    observedJa: observed.ja,
    observedEn: observed.en,
    explanationJa: e.ja,
    explanationEn: e.en,
  }
}

/** The score, band, headline and compact contributions of one device from its facts: the reference that scoring from stored readings (./readings.ts) is tested equal to. */
export function scoreForStorage(
  f: DeviceRiskFacts,
  profile: ScoringProfile,
  now: Date,
): Omit<ScoredDevice, 'contributions'> {
  const readings = readFactors(f, profile, now)
  // Summed in tenths of a point (each contribution has one decimal), so the order of addition cannot change the score.
  let tenths = 0
  for (const r of readings) tenths += Math.round(r.points * 10)
  const score = Math.max(0, Math.min(100, Math.round(tenths / 10)))
  const nonZero = readings
    .filter((r) => r.points !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.points) - Math.abs(a.points) ||
        RISK_FACTOR_IDS.indexOf(a.factor) - RISK_FACTOR_IDS.indexOf(b.factor),
    )
  // The headline: at most two words on the patient, then what can be acted on (exposure, exploits, support).
  const said = nonZero.filter((r) => r.points > 0 && r.short)
  const clinical = said.filter((r) => FACTOR_GROUP[r.factor] === 'clinicalImpact').slice(0, 2)
  const heads = [...clinical, ...said.filter((r) => FACTOR_GROUP[r.factor] !== 'clinicalImpact')].slice(0, 4)
  return {
    score,
    band: bandOf(score, profile.bands),
    clinicalFunction: clinicalFunctionOf(f.category, f.kind),
    headlineJa: heads.length ? heads.map((h) => h.short!.ja).join('・') : '目立つ要因なし',
    headlineEn: heads.length ? heads.map((h) => h.short!.en).join(', ') : 'nothing stands out',
    compact: nonZero.map((r) => [r.factor, r.points, r.maxPoints, r.case, r.observed.ja, r.observed.en]),
  }
}

/** Scores one device under a profile, on the day of `now`, with every contribution explained. */
export function scoreDevice(f: DeviceRiskFacts, profile: ScoringProfile, now: Date): ScoredDevice {
  const s = scoreForStorage(f, profile, now)
  return { ...s, contributions: expandContributions(s.compact) }
}
