import type { TimelineEntry } from '../../../api/operations.js'

/**
 * A device's timeline (ADR 0041): raw rows of each source mapped to plain ja/en entries, merged newest first, and the
 * paging cursor. Pure; the repository fetches at most `limit` rows per source before the cursor.
 */

/** The sources, in the order that breaks ties between entries of the same instant (higher first). */
export const TIMELINE_SOURCES = [
  'audit',
  'scan',
  'finding_opened',
  'finding_closed',
  'vulnerability',
  'disclosure',
  'action',
] as const
export type TimelineSource = (typeof TIMELINE_SOURCES)[number]

export type TimelineRow =
  | { source: 'audit'; key: string; at: string; action: string; actor: string | null; after: unknown; before: unknown }
  | { source: 'scan'; key: string; at: string; scanId: string; address: string; profile: string; label: string | null }
  | {
      source: 'finding_opened' | 'finding_closed'
      key: string
      at: string
      titleJa: string
      titleEn: string
      severity: string
      reason: string | null
    }
  | {
      source: 'vulnerability'
      key: string
      at: string
      cve: string | null
      advisoryId: string | null
      decision: string
      product: string
    }
  | {
      source: 'disclosure'
      key: string
      at: string
      disclosureId: string
      form: string
      fileName: string | null
      model: string
      actor: string | null
    }
  | { source: 'action'; key: string; at: string; actionId: string; titleJa: string; titleEn: string; status: string }

/** Where the next page starts: strictly older than this instant, source and key. */
export interface TimelineCursor {
  at: string
  rank: number
  key: string
}

const rankOf = (s: TimelineSource) => TIMELINE_SOURCES.indexOf(s)

/** `at|rank|key`, opaque to callers. */
export const encodeCursor = (c: TimelineCursor) => `${c.at}|${c.rank}|${c.key}`

/**
 * The `before` parameter: a cursor from `nextBefore`, or a plain timestamp/date (everything strictly older). Null
 * when it is neither.
 */
export function decodeCursor(before: string): TimelineCursor | null {
  const parts = before.split('|')
  if (parts.length === 3) {
    const rank = Number(parts[1])
    if (!Number.isInteger(rank) || rank < 0 || rank >= TIMELINE_SOURCES.length || parts[0] === '' || parts[2] === '')
      return null
    return { at: parts[0]!, rank, key: parts[2]! }
  }
  if (parts.length === 1 && /^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$/.test(before) && !Number.isNaN(Date.parse(before)))
    return { at: before, rank: -1, key: '' }
  return null
}

/**
 * For one source: rows strictly after the cursor in timeline order are those with `at < cursor.at`, or the same
 * instant and (a lower source rank, or the same source and a lower key). `sameInstant`: which rows of the cursor's
 * instant still come: 'all', 'none', or those with key below `key`.
 */
export function sourceBound(
  source: TimelineSource,
  c: TimelineCursor | null,
): null | { at: string; sameInstant: 'all' | 'none' | { below: string } } {
  if (!c) return null
  const r = rankOf(source)
  if (c.rank < 0) return { at: c.at, sameInstant: 'none' }
  if (r < c.rank) return { at: c.at, sameInstant: 'all' }
  if (r > c.rank) return { at: c.at, sameInstant: 'none' }
  return { at: c.at, sameInstant: { below: c.key } }
}

function compare(a: TimelineRow, b: TimelineRow): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1
  const ra = rankOf(a.source)
  const rb = rankOf(b.source)
  if (ra !== rb) return rb - ra
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0
}

const AUDIT_WORDS: Record<string, { ja: string; en: string }> = {
  'device.create': { ja: '台帳に登録', en: 'Added to the ledger' },
  'device.import': { ja: '台帳に取り込み', en: 'Imported into the ledger' },
  'device.update': { ja: '台帳を変更', en: 'Ledger entry changed' },
  'device.delete': { ja: '台帳から削除', en: 'Removed from the ledger' },
}

function auditKind(action: string): TimelineEntry['kind'] {
  if (action.startsWith('acceptance.')) return 'acceptance'
  if (action.startsWith('decommission.')) return 'decommission'
  if (action.startsWith('bcp.')) return 'continuity'
  return 'ledger'
}

const KIND_WORDS: Record<string, { ja: string; en: string }> = {
  acceptance: { ja: '導入時確認', en: 'Acceptance test' },
  decommission: { ja: '廃棄・引き渡し', en: 'Decommissioning' },
  continuity: { ja: '事業継続計画', en: 'Continuity plan' },
  ledger: { ja: '台帳', en: 'Ledger' },
}

/** The fields an audit entry changed ("status, department"), when before and after are objects. */
function changedFields(before: unknown, after: unknown): string | null {
  const obj = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  const b = obj(before)
  const a = obj(after)
  if (!a) return null
  const keys = Object.keys(a).filter((k) => !b || JSON.stringify(a[k]) !== JSON.stringify(b[k]))
  return keys.length > 0 ? keys.slice(0, 8).join(', ') : null
}

const SEVERITY: Record<string, string> = { critical: '緊急', high: '高', medium: '中', low: '低', info: '情報' }

/** One raw row as an entry, with plain words and a link. */
export function toEntry(row: TimelineRow, deviceId: string): TimelineEntry {
  const base = {
    at: row.at,
    actor: null as string | null,
    detailJa: null as string | null,
    detailEn: null as string | null,
  }
  switch (row.source) {
    case 'audit': {
      const kind = auditKind(row.action)
      const known = AUDIT_WORDS[row.action]
      const words = KIND_WORDS[kind]!
      const step = row.action.split('.').slice(1).join('.') || row.action
      const fields = changedFields(row.before, row.after)
      const link =
        kind === 'acceptance'
          ? `/acceptance?device=${encodeURIComponent(deviceId)}`
          : kind === 'decommission'
            ? `/decommission?device=${encodeURIComponent(deviceId)}`
            : kind === 'continuity'
              ? `/bcp/plans/${encodeURIComponent(deviceId)}`
              : `/devices/${encodeURIComponent(deviceId)}`
      return {
        ...base,
        kind,
        actor: row.actor,
        titleJa: known?.ja ?? `${words.ja}: ${step}`,
        titleEn: known?.en ?? `${words.en}: ${step}`,
        detailJa: fields ? `変更した項目: ${fields}` : null,
        detailEn: fields ? `Fields changed: ${fields}` : null,
        link,
      }
    }
    case 'scan':
      return {
        ...base,
        kind: 'scan',
        titleJa: `スキャンで確認（${row.address}）`,
        titleEn: `Seen by a scan (${row.address})`,
        detailJa: `方式: ${row.label ?? row.profile}`,
        detailEn: `Profile: ${row.label ?? row.profile}`,
        link: `/discovery/scans/${encodeURIComponent(row.scanId)}`,
      }
    case 'finding_opened':
      return {
        ...base,
        kind: 'finding_opened',
        titleJa: `指摘事項を検出: ${row.titleJa}`,
        titleEn: `Finding raised: ${row.titleEn}`,
        detailJa: `重大度: ${SEVERITY[row.severity] ?? row.severity}`,
        detailEn: `Severity: ${row.severity}`,
        link: `/discovery/findings?device=${encodeURIComponent(deviceId)}`,
      }
    case 'finding_closed':
      return {
        ...base,
        kind: 'finding_closed',
        titleJa: `指摘事項が解消（最後に確認された日時）: ${row.titleJa}`,
        titleEn: `Finding fixed (last seen then): ${row.titleEn}`,
        detailJa: row.reason,
        detailEn: row.reason,
        link: `/discovery/findings?device=${encodeURIComponent(deviceId)}`,
      }
    case 'vulnerability': {
      const what = row.advisoryId ?? row.cve ?? row.product
      const decision: Record<string, { ja: string; en: string }> = {
        affected: { ja: '該当', en: 'affected' },
        not_affected: { ja: '非該当', en: 'not affected' },
        under_investigation: { ja: '調査中', en: 'under investigation' },
      }
      const d = decision[row.decision] ?? { ja: row.decision, en: row.decision }
      return {
        ...base,
        kind: 'vulnerability',
        titleJa: `脆弱性情報と照合: ${what}（${d.ja}）`,
        titleEn: `Matched a vulnerability: ${what} (${d.en})`,
        detailJa: [row.cve, row.product].filter(Boolean).join(' / ') || null,
        detailEn: [row.cve, row.product].filter(Boolean).join(' / ') || null,
        link: row.advisoryId
          ? `/advisories/${encodeURIComponent(row.advisoryId)}`
          : `/devices/${encodeURIComponent(deviceId)}`,
      }
    }
    case 'disclosure':
      return {
        ...base,
        kind: 'disclosure',
        actor: row.actor,
        titleJa: `製造販売業者の開示資料（${row.form}）を取り込み: ${row.model}`,
        titleEn: `Manufacturer disclosure (${row.form}) imported: ${row.model}`,
        detailJa: row.fileName,
        detailEn: row.fileName,
        link: `/disclosures/${encodeURIComponent(row.disclosureId)}`,
      }
    case 'action': {
      const status: Record<string, { ja: string; en: string }> = {
        open: { ja: '未着手', en: 'open' },
        in_progress: { ja: '対応中', en: 'in progress' },
        done: { ja: '完了', en: 'done' },
        accepted: { ja: 'リスク受容', en: 'accepted' },
      }
      const s = status[row.status] ?? { ja: row.status, en: row.status }
      return {
        ...base,
        kind: 'action',
        titleJa: `対策を計画: ${row.titleJa}`,
        titleEn: `Action planned: ${row.titleEn}`,
        detailJa: `現在の状態: ${s.ja}`,
        detailEn: `Status now: ${s.en}`,
        link: `/actions/${encodeURIComponent(row.actionId)}`,
      }
    }
  }
}

/**
 * Merges the rows of every source (each already limited to `limit` rows after the cursor) into one page, newest first.
 * `nextBefore` is set when the page is full (there may be more), else null.
 */
export function mergeTimeline(
  rows: readonly TimelineRow[],
  deviceId: string,
  limit: number,
): { entries: TimelineEntry[]; nextBefore: string | null } {
  const page = [...rows].sort(compare).slice(0, limit)
  const last = page.at(-1)
  return {
    entries: page.map((r) => toEntry(r, deviceId)),
    nextBefore:
      page.length === limit && last ? encodeCursor({ at: last.at, rank: rankOf(last.source), key: last.key }) : null,
  }
}
