import {
  ACCEPTANCE_CHECK_IDS,
  type AcceptanceCheckId,
  type AcceptanceComparison,
  type AcceptanceIssue,
} from '../../../api/acceptance.js'
import { DECOMMISSION_ITEM_IDS, type DecommissionItemId } from '../../../api/decommission.js'
import { ACCEPTANCE_CHECKS, DECOMMISSION_ITEMS } from './checks.js'

export interface CheckState {
  result: 'pass' | 'fail' | 'not_applicable' | null
  note: string
  checkedBy: string | null
  checkedAt: string | null
}

export interface Outstanding {
  ja: string[]
  en: string[]
}

/**
 * What still stands between an acceptance and its sign-off, in plain words: no scan yet, open ports not declared
 * and not raised, checks not done or failed, issues still open with the manufacturer.
 */
export function acceptanceOutstanding(
  comparison: AcceptanceComparison,
  checks: Partial<Record<AcceptanceCheckId, CheckState>>,
  issues: readonly AcceptanceIssue[],
): Outstanding {
  const ja: string[] = []
  const en: string[] = []
  if (comparison.scanId === null) {
    ja.push('隔離セグメントからのスキャンがまだです')
    en.push('no scan from the quarantine segment yet')
  } else if (comparison.undeclaredOpen.length > 0 && issues.length === 0) {
    const ports = comparison.undeclaredOpen.join(', ')
    ja.push(`申告されていない開放ポート (${ports}) をメーカーに確認していません`)
    en.push(`open ports not declared (${ports}) have not been raised with the manufacturer`)
  }
  for (const id of ACCEPTANCE_CHECK_IDS) {
    const c = checks[id]
    const t = ACCEPTANCE_CHECKS[id]
    if (!c || c.result === null) {
      ja.push(`未確認: ${t.titleJa}`)
      en.push(`not checked: ${t.titleEn}`)
    } else if (c.result === 'fail') {
      ja.push(`不合格: ${t.titleJa}`)
      en.push(`failed: ${t.titleEn}`)
    }
  }
  for (const i of issues) {
    if (i.resolution === 'open') {
      ja.push(`メーカーへの確認が未解決: ${i.title}`)
      en.push(`issue still open with the manufacturer: ${i.title}`)
    } else if ((i.resolution === 'accepted' || i.resolution === 'spec') && i.decision.trim() === '') {
      ja.push(`病院としての判断が未記入: ${i.title}`)
      en.push(`the hospital's decision is not written: ${i.title}`)
    }
  }
  return { ja, en }
}

export interface ItemState {
  done: boolean
  notApplicable: boolean
  note: string
  doneBy: string | null
  doneAt: string | null
}

/** What is left before a decommission can be completed: items neither done nor not applicable, erasure not recorded. */
export function decommissionOutstanding(
  items: Partial<Record<DecommissionItemId, ItemState>>,
  handover: { erasureMethod: string | null },
): Outstanding {
  const ja: string[] = []
  const en: string[] = []
  for (const id of DECOMMISSION_ITEM_IDS) {
    // The ledger status is set by completing itself.
    if (id === 'ledger_updated') continue
    const s = items[id]
    if (!s || (!s.done && !s.notApplicable)) {
      ja.push(`未実施: ${DECOMMISSION_ITEMS[id].titleJa}`)
      en.push(`not done: ${DECOMMISSION_ITEMS[id].titleEn}`)
    }
  }
  if (handover.erasureMethod === null) {
    ja.push('消去方法が記録されていません')
    en.push('the erasure method is not recorded')
  }
  return { ja, en }
}
