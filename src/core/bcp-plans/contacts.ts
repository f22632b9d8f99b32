import type { BcpWarning, Contact, Playbook, PlaybookTask } from '../../../api/bcp.js'
import { PLAYBOOK_PHASES } from '../../../api/bcp.js'
import type { ContactFields } from './store.js'

/**
 * The contact chain's template and the warnings of the playbook and the chain (ADR 0043). The template lists roles,
 * not people, with empty phone numbers for the hospital to fill; arrows follow the usual order of an incident call:
 * whoever notices → IT → the security officer → the director, who informs MHLW, the police and the prefecture.
 */
type Template = Omit<ContactFields, 'notifies'> & { notifies: number[] }

const t = (
  name: string,
  role: string,
  kind: Contact['kind'],
  organisation: string,
  notifies: number[],
  order: number,
): Template => ({ name, role, kind, organisation, phone: '', email: '', availability: '', notifies, order })

/** Indexes into this list are the arrows' ends. */
export function defaultContacts(): Template[] {
  return [
    t('情報システム担当', '第一報の受付・初動対応', 'internal', '', [1, 3, 5], 10), // 0
    t('医療情報システム安全管理責任者', '対応の統括', 'internal', '', [2, 6, 7, 8], 20), // 1
    t('院長', '対策本部長・診療継続の判断', 'internal', '', [4], 30), // 2
    t('臨床工学技士', '医療機器の確認・切り離し', 'internal', '', [5], 40), // 3
    t('各部門責任者', '部署の紙運用への切替', 'internal', '', [], 50), // 4
    t('機器メーカー/保守事業者', '機器・システムの調査と復旧支援', 'vendor', '', [], 60), // 5
    t('厚生労働省', '医政局 サイバーセキュリティ担当への報告', 'authority', '厚生労働省', [], 70), // 6
    t('所轄警察署', 'サイバー犯罪相談窓口への届出', 'police', '', [], 80), // 7
    t('都道府県', '医療政策担当への報告', 'authority', '', [], 90), // 8
  ]
}

const none = [] as BcpWarning['nodes']

/** A task without an owner, named. */
export function playbookWarnings(tasks: readonly PlaybookTask[]): BcpWarning[] {
  const out: BcpWarning[] = tasks
    .filter((x) => !x.owner)
    .map((x) => ({
      code: 'no_owner',
      messageJa: `行動計画の「${x.titleJa}」に担当者がいません。`,
      messageEn: `The playbook task "${x.titleEn || x.titleJa}" has no owner.`,
      nodes: none,
    }))
  return out
}

/** Tasks grouped by the five phases, in order; every phase present (empty when it has no task). */
export function playbookOf(tasks: readonly PlaybookTask[]): Playbook {
  return {
    phases: PLAYBOOK_PHASES.map((phase) => ({ phase, tasks: tasks.filter((x) => x.phase === phase) })),
    warnings: playbookWarnings(tasks),
  }
}

/**
 * The chain's warnings: no MHLW/authority or police contact (checklist 3-① asks for 院内と外部(事業者、厚生労働省、
 * 警察など)), no vendor, no one inside, a contact without a phone number. Cycles are allowed: people call back.
 */
export function contactWarnings(items: readonly Contact[]): BcpWarning[] {
  const out: BcpWarning[] = []
  const has = (k: Contact['kind']) => items.some((c) => c.kind === k)
  const missing = (ja: string, en: string): BcpWarning => ({
    code: 'party_without_contact',
    messageJa: `連絡体制図に${ja}の連絡先がありません。`,
    messageEn: `The contact chain has no ${en} contact.`,
    nodes: none,
  })
  if (!has('internal')) out.push(missing('院内', 'hospital-internal'))
  if (!has('vendor')) out.push(missing('事業者(機器メーカー・保守事業者)', 'vendor (manufacturer or maintenance)'))
  if (!has('authority')) out.push(missing('厚生労働省など行政', 'authority (MHLW, prefecture)'))
  if (!has('police')) out.push(missing('警察', 'police'))
  for (const c of items)
    if (!c.phone.trim())
      out.push({
        code: 'party_without_contact',
        messageJa: `「${c.name}」の電話番号がありません。`,
        messageEn: `"${c.name}" has no phone number.`,
        nodes: none,
      })
  return out
}
