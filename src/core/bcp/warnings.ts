import type { BcpWarning, NodeRef } from '../../../api/bcp.js'
import type { ContinuityGraph } from './graph.js'

/** The warnings of the continuity plan (ADR 0042): never a silent gap. Pure. */

export interface WarnService {
  id: string
  name: string
  owner: string | null
  decider: string | null
  maxDowntimeMinutes: number | null
  fallbackJa: string
  fallbackEn: string
  dependencies: readonly { target: NodeRef }[]
}

const listOf = (xs: readonly string[], max = 5) =>
  xs.length <= max ? xs.join('、') : `${xs.slice(0, max).join('、')} ほか ${xs.length - max} 件`
const listOfEn = (xs: readonly string[], max = 5) =>
  xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`

/** Whether a dependency target is broken: it no longer exists, or it is a decommissioned device. */
export function brokenTarget(g: ContinuityGraph, t: NodeRef): boolean {
  if (!g.has(t)) return true
  return t.kind === 'device' && g.devices.get(t.id)?.status === 'decommissioned'
}

/** One service's warnings. `planned` answers whether a device has a saved plan. */
export function serviceWarnings(
  g: ContinuityGraph,
  s: WarnService,
  planned: (deviceId: string) => boolean,
): BcpWarning[] {
  const me: NodeRef = { kind: 'service', id: s.id }
  const out: BcpWarning[] = []
  if (!s.owner)
    out.push({
      code: 'no_owner',
      messageJa: `「${s.name}」に責任者がいません。計画を見直す人を決めてください。`,
      messageEn: `"${s.name}" has no owner. Name who keeps its plan up to date.`,
      nodes: [me],
    })
  if (!s.decider)
    out.push({
      code: 'no_decider',
      messageJa: `「${s.name}」で手作業の運用に切り替えると決める人が決まっていません。`,
      messageEn: `"${s.name}" has nobody named to decide the switch to the manual fallback.`,
      nodes: [me],
    })
  if (s.maxDowntimeMinutes === null)
    out.push({
      code: 'no_max_downtime',
      messageJa: `「${s.name}」の許容停止時間（何分まで止まっても耐えられるか）が未設定です。`,
      messageEn: `"${s.name}" has no maximum tolerable downtime (how many minutes it can be down).`,
      nodes: [me],
    })
  if (!s.fallbackJa && !s.fallbackEn)
    out.push({
      code: 'no_fallback',
      messageJa: `「${s.name}」が止まったときの手作業の代替手段が書かれていません。`,
      messageEn: `"${s.name}" has no manual fallback written down for when it stops.`,
      nodes: [me],
    })
  const retired: NodeRef[] = []
  const unknown: NodeRef[] = []
  const unplanned: NodeRef[] = []
  for (const d of s.dependencies) {
    const t = d.target
    if (!g.has(t)) unknown.push(t)
    else if (t.kind === 'device') {
      if (g.devices.get(t.id)?.status === 'decommissioned') retired.push(t)
      else if (!planned(t.id)) unplanned.push(t)
    }
  }
  if (retired.length)
    out.push({
      code: 'retired_dependency',
      messageJa: `「${s.name}」は廃棄済みの機器に依存しています：${listOf(retired.map((r) => g.label(r)))}。代わりの機器に付け替えてください。`,
      messageEn: `"${s.name}" depends on decommissioned devices: ${listOfEn(retired.map((r) => g.label(r)))}. Point it at their replacements.`,
      nodes: [me, ...retired],
    })
  if (unknown.length)
    out.push({
      code: 'unknown_dependency',
      messageJa: `「${s.name}」の依存先が見つかりません（削除された可能性）：${listOf(unknown.map((r) => `${r.kind}:${r.id}`))}。`,
      messageEn: `"${s.name}" depends on things that no longer exist: ${listOfEn(unknown.map((r) => `${r.kind}:${r.id}`))}.`,
      nodes: [me, ...unknown],
    })
  if (unplanned.length)
    out.push({
      code: 'device_without_plan',
      messageJa: `「${s.name}」が依存する機器 ${unplanned.length} 台に停止時の手順（機器計画）が保存されていません：${listOf(unplanned.map((r) => g.label(r)))}。`,
      messageEn: `${unplanned.length} devices "${s.name}" depends on have no saved device plan: ${listOfEn(unplanned.map((r) => g.label(r)))}.`,
      nodes: [me, ...unplanned.slice(0, 50)],
    })
  return out
}

/** Plan-wide warnings: dependency cycles and vendors without a 24 h contact. */
export function planWarnings(
  g: ContinuityGraph,
  parties: readonly { id: string; name: string; kind: string; contact24h: string }[],
): BcpWarning[] {
  const out: BcpWarning[] = []
  for (const cycle of g.cycles()) {
    const names = cycle.map((r) => g.label(r))
    out.push({
      code: 'dependency_cycle',
      messageJa: `依存関係が循環しています：${names.join(' → ')} → ${names[0]}。どちらが先に必要か見直してください。`,
      messageEn: `Dependencies go round in a circle: ${names.join(' → ')} → ${names[0]}. Decide which one comes first.`,
      nodes: cycle,
    })
  }
  for (const p of parties)
    if (p.kind === 'vendor' && !p.contact24h)
      out.push({
        code: 'party_without_contact',
        messageJa: `「${p.name}」に 24 時間つながる連絡先がありません。`,
        messageEn: `"${p.name}" has no 24-hour contact.`,
        nodes: [{ kind: 'party', id: p.id }],
      })
  return out
}
