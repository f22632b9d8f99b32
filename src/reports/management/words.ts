import type { RiskBand } from '../../../api/risk.js'
import type { ChartColor } from '../../documents/model.js'

/**
 * Words the three issue-10 reports share (management report, inspection pack, device card), Japanese and English:
 * dates, risk bands, action statuses and severities, in plain language for a clinical engineer and for executives.
 */
export type Lang = 'ja' | 'en'

/** 2026-12-02 → 「2026年12月2日」 / "2 December 2026"; anything else is printed as given. */
export function longDate(iso: string | null | undefined, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '')
  if (!m) return iso ?? '—'
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (lang === 'ja') return `${y}年${mo}月${d}日`
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]
  return `${d} ${months[mo - 1] ?? mo} ${y}`
}

/** A date as a table cell: yyyy-mm-dd or a dash. */
export const shortDate = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—')

export const BAND_ORDER: readonly RiskBand[] = ['critical', 'high', 'medium', 'low']
export const BAND_COLOR: Record<RiskBand, ChartColor> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
}
export const BAND_WORD: Record<Lang, Record<RiskBand, string>> = {
  ja: { critical: '緊急', high: '高', medium: '中', low: '低' },
  en: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
}

export const STATUS_WORD: Record<Lang, Record<string, string>> = {
  ja: { open: '未着手', in_progress: '対応中', done: '完了', accepted: 'リスク受容' },
  en: { open: 'not started', in_progress: 'in progress', done: 'done', accepted: 'risk accepted' },
}

export const SEVERITY_WORD: Record<Lang, Record<string, string>> = {
  ja: { critical: '緊急', high: '重要', medium: '警告', low: '注意', info: '情報' },
  en: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' },
}

/** "はい" / "いいえ" / "未回答" and their English words. */
export function answerWord(answer: 'yes' | 'no' | null, lang: Lang): string {
  if (lang === 'ja') return answer === 'yes' ? 'はい' : answer === 'no' ? 'いいえ' : '未回答'
  return answer === 'yes' ? 'Yes' : answer === 'no' ? 'No' : 'not answered'
}

/** The hospital's name, or 「当院」 / "our hospital" when none is set. */
export function hospitalLabel(name: string | null | undefined, lang: Lang): string {
  const n = name?.trim()
  return n ? n : lang === 'ja' ? '当院' : 'our hospital'
}

/** A number with thousands separators. */
export const num = (n: number): string => n.toLocaleString('en-US')

/** A value with one decimal when it has a fraction. */
export const dec = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1))
