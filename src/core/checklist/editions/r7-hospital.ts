/**
 * 医療機関におけるサイバーセキュリティ対策チェックリスト 令和7年度 医療機関確認用, as data.
 *
 * Source: /work/shared/reference/mhlw-checklist.md — re-publications of MHLW's 令和7年度 manual draft (2025-03-13) and
 * 令和6年度 manual. `wording: 'original'` (原文) items carry the text exactly as the reference copies it (including its
 * extraction artefacts such as 「端末 PC」); `wording: 'summary'` (要旨) items are Mamori's own words for a topic whose
 * MHLW wording is not known, and every rendering marks them 「(要旨)」 so nobody takes them for MHLW's text.
 * English texts are always Mamori's translation or summary, never MHLW's.
 * Numbering: the reference marks the new 令和7 item on 運用管理規程 as "1-?"; it follows 1-① in section 1, so it is
 * "1-②" here (see docs/decisions/0035-mhlw-checklist.md).
 * The crosswalk to NIST CSF 2.0 and the HPH CPGs is Mamori's own mapping (../crosswalk.ts).
 */
import type { ItemData } from './types.js'
import { SECTIONS } from './types.js'

const s = (n: number) => ({ section: n, sectionTitleJa: SECTIONS[n]!.ja, sectionTitleEn: SECTIONS[n]!.en })
const ALL = '全般'

export const R7_HOSPITAL_ITEMS: ItemData[] = [
  {
    id: '前提',
    ...s(0),
    textJa: '医療情報システムを導入、運用している。(「いいえ」なら以下すべて確認不要)',
    textEn:
      'The hospital has installed and operates medical information systems. (If "No", none of the items below need to be checked.)',
    wording: 'original',
    target: null,
    guidelineRefs: ['概説編 2.3'],
    deadlineNote: null,
  },
  {
    id: '1-①',
    ...s(1),
    textJa: '医療情報システム安全管理責任者を設置している。',
    textEn: 'A person responsible for the security management of medical information systems has been appointed.',
    wording: 'original',
    target: null,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '1-②',
    ...s(1),
    textJa: '運用管理規程など、医療情報システムの運用のルールを定めている。',
    textEn:
      'Operational rules for the medical information systems (such as operation management regulations) are in place.',
    wording: 'summary',
    target: null,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-①',
    ...s(2),
    textJa: 'サーバ、端末 PC、ネットワーク機器の台帳管理を行っている。',
    textEn: 'Servers, client PCs and network devices are kept in an inventory (ledger).',
    wording: 'original',
    target: ALL,
    guidelineRefs: ['経営管理編 1.2.1', '企画管理編 9.1'],
    deadlineNote: null,
  },
  {
    id: '2-②',
    ...s(2),
    textJa: 'リモートメンテナンス(保守)を利用している機器の有無を事業者に確認した。',
    textEn: 'The hospital has asked its vendors whether any device is maintained remotely.',
    wording: 'original',
    target: ALL,
    guidelineRefs: ['企画管理編 9.1', 'システム運用編 10.1'],
    deadlineNote: null,
  },
  {
    id: '2-③',
    ...s(2),
    textJa: '事業者から製造業者/サービス事業者による医療情報セキュリティ開示書(MDS/SDS)を提出してもらう。',
    textEn:
      "The hospital obtains from its vendors the manufacturer's / service provider's security disclosure (MDS/SDS).",
    wording: 'original',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-④',
    ...s(2),
    textJa: '利用者の職種や扱う情報に応じてアクセス権限を設定し、管理者権限を持つ者を定めている。',
    textEn:
      'Access rights are set by job role and by the kind of information handled, and who holds administrator rights is defined.',
    wording: 'summary',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-⑤',
    ...s(2),
    textJa: '退職者や使われていないアカウントなど、不要なアカウントを削除している。',
    textEn: 'Unneeded accounts (people who have left, accounts no longer used) are deleted.',
    wording: 'summary',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-⑥',
    ...s(2),
    textJa: 'セキュリティパッチ(最新ファームウェアや更新プログラム)を適用している。',
    textEn: 'Security patches (the latest firmware and updates) are applied.',
    wording: 'original',
    target: ALL,
    guidelineRefs: ['システム運用編 8.2'],
    deadlineNote: null,
  },
  {
    id: '2-⑦',
    ...s(2),
    textJa:
      'パスワードの長さなどの規則を定めている(英数字・記号を混ぜた8文字以上で定期的に変更。13文字以上または二要素認証なら定期変更は不要)。',
    textEn:
      'Password rules are set (8 or more mixed characters changed periodically; no periodic change needed with 13 or more characters or two-factor authentication).',
    wording: 'summary',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-⑧',
    ...s(2),
    textJa: 'パスワードの使い回しを禁止している。',
    textEn: 'Reusing passwords is forbidden.',
    wording: 'original',
    target: ALL,
    guidelineRefs: ['システム運用編 8.⑤'],
    deadlineNote: null,
  },
  {
    id: '2-⑨',
    ...s(2),
    textJa: 'USB メモリなどの外部記録媒体や外部機器の接続を制限している。',
    textEn: 'Connecting USB storage and other external recording media or devices is restricted.',
    wording: 'summary',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-⑩',
    ...s(2),
    textJa: '二要素認証を導入している。',
    textEn: 'Two-factor authentication is in place.',
    wording: 'summary',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: '令和9年度までに対応 (by FY2027)',
  },
  {
    id: '2-⑪',
    ...s(2),
    textJa: 'アクセスログを管理している。',
    textEn: 'Access logs are kept and managed.',
    wording: 'summary',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '2-⑫',
    ...s(2),
    textJa: 'バックグラウンドで動作している不要なソフトウェア及びサービスを停止している。',
    textEn: 'Unneeded software and services running in the background are stopped.',
    wording: 'original',
    target: 'サーバ、端末PC',
    guidelineRefs: ['システム運用編 8.1'],
    deadlineNote: null,
  },
  {
    id: '2-⑬',
    ...s(2),
    textJa: '接続元制限を実施している。',
    textEn: 'Connections are allowed only from permitted sources.',
    wording: 'original',
    target: 'ネットワーク機器',
    guidelineRefs: ['システム運用編 13⑪'],
    deadlineNote: null,
  },
  {
    id: '3-①',
    ...s(3),
    textJa: 'インシデント発生時の院内と外部(事業者、厚生労働省、警察など)への連絡体制図を作成している。',
    textEn:
      'A contact chart for incidents exists, inside the hospital and to outside bodies (vendors, the Ministry of Health, Labour and Welfare, the police).',
    wording: 'summary',
    target: null,
    guidelineRefs: [],
    deadlineNote: null,
  },
  {
    id: '3-②',
    ...s(3),
    textJa:
      'インシデント発生時に診療を継続するために必要な情報を検討し、データやシステムのバックアップの実施と復旧手順を確認している。',
    textEn:
      'The information needed to keep treating patients during an incident has been identified, and data and system backups and the recovery procedure have been checked.',
    wording: 'original',
    target: null,
    guidelineRefs: [
      '経営管理編 3.4.1',
      '企画管理編 11.2',
      '企画管理編 12.2',
      'システム運用編 11.1',
      'システム運用編 12.2',
    ],
    deadlineNote: null,
  },
  {
    id: '3-③',
    ...s(3),
    textJa: 'サイバー攻撃を想定した事業継続計画(BCP)を策定している。',
    textEn: 'A business continuity plan (BCP) that assumes a cyberattack has been drawn up.',
    wording: 'original',
    target: null,
    guidelineRefs: [],
    deadlineNote: null,
  },
]
