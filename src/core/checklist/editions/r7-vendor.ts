/**
 * 医療機関におけるサイバーセキュリティ対策チェックリスト 令和7年度 事業者確認用 (the form a hospital hands to each system
 * vendor), as data. Source: /work/shared/reference/mhlw-checklist.md. The reference gives MHLW's wording for one item
 * only (2-③, 原文); every other item is Mamori's own summary of the hospital item seen from the vendor's side (要旨),
 * marked 「(要旨)」 wherever it is shown. Ids follow the hospital form's numbering so answers line up. English is Mamori's.
 * 「事業者と契約していない医療機関においては「事業者確認用」による確認は不要です。」 (原文, 令和7年度 manual).
 */
import type { ItemData } from './types.js'
import { SECTIONS } from './types.js'

const s = (n: number) => ({ section: n, sectionTitleJa: SECTIONS[n]!.ja, sectionTitleEn: SECTIONS[n]!.en })
const ALL = '全般'
const summary = (
  id: string,
  section: number,
  textJa: string,
  textEn: string,
  target: string | null = ALL,
  deadlineNote: string | null = null,
): ItemData => ({
  id,
  ...s(section),
  textJa,
  textEn,
  wording: 'summary',
  target,
  guidelineRefs: [],
  deadlineNote,
})

export const R7_VENDOR_ITEMS: ItemData[] = [
  summary(
    '2-①',
    2,
    '納入したサーバ、端末PC、ネットワーク機器の一覧を医療機関に提供している。',
    'The vendor has given the hospital a list of the servers, client PCs and network devices it supplied.',
  ),
  summary(
    '2-②',
    2,
    'リモートメンテナンス(保守)を行っている機器の有無と接続方法を医療機関に伝えている。',
    'The vendor has told the hospital which devices it maintains remotely, and how they are connected.',
  ),
  {
    id: '2-③',
    ...s(2),
    textJa: '医療機関に製造業者/サービス事業者による医療情報セキュリティ開示書(MDS/SDS)を提出した。',
    textEn:
      "The vendor has submitted the manufacturer's / service provider's security disclosure (MDS/SDS) to the hospital.",
    wording: 'original',
    target: ALL,
    guidelineRefs: [],
    deadlineNote: null,
  },
  summary(
    '2-④',
    2,
    '職種や扱う情報に応じたアクセス権限の設定と、管理者権限を持つ者の限定に対応している。',
    'The systems supplied support access rights per job role and information class, and limit who holds administrator rights.',
  ),
  summary(
    '2-⑤',
    2,
    '保守用を含め、不要なアカウントを削除または無効にしている。',
    'Unneeded accounts, service accounts included, are deleted or disabled.',
  ),
  summary(
    '2-⑥',
    2,
    '納入した機器・ソフトウェアのセキュリティパッチ(ファームウェアや更新プログラム)を提供・適用している。',
    'The vendor provides and applies security patches (firmware and updates) for what it supplied.',
  ),
  summary(
    '2-⑦',
    2,
    '医療機関のパスワード規則(長さ・文字種)を設定できるようにしている。',
    "The systems supplied can enforce the hospital's password rules (length, character mix).",
  ),
  summary(
    '2-⑧',
    2,
    '保守作業で同じパスワードを複数の医療機関や機器で使い回していない。',
    'The vendor does not reuse the same password across hospitals or devices for maintenance.',
  ),
  summary(
    '2-⑨',
    2,
    'USB メモリなど外部記録媒体の接続を制限でき、保守作業でも持ち込みを管理している。',
    'The systems supplied can restrict external media such as USB storage, and media brought in for maintenance are controlled.',
  ),
  summary(
    '2-⑩',
    2,
    '二要素認証に対応している、または対応の計画がある。',
    'The systems supplied support two-factor authentication, or there is a plan to support it.',
    ALL,
    '令和9年度までに対応 (by FY2027)',
  ),
  summary(
    '2-⑪',
    2,
    'アクセスログを記録し、医療機関が確認できるようにしている。',
    'Access logs are recorded and the hospital can review them.',
  ),
  summary(
    '2-⑫',
    2,
    '納入した機器で不要なソフトウェアやサービスを停止している。',
    'Unneeded software and services are stopped on the devices supplied.',
    'サーバ、端末PC',
  ),
  summary(
    '2-⑬',
    2,
    '納入したネットワーク機器や保守回線で接続元を制限している。',
    'Connection sources are restricted on the network devices and maintenance lines supplied.',
    'ネットワーク機器',
  ),
  summary(
    '3-①',
    3,
    'インシデント発生時の事業者側の連絡先と連絡方法を医療機関に伝えている。',
    'The vendor has given the hospital its contact and way of reaching it during an incident.',
    null,
  ),
  summary(
    '3-②',
    3,
    '納入したシステムのバックアップの方法と復旧手順を医療機関と確認している。',
    'The backup method and recovery procedure of the systems supplied have been checked with the hospital.',
    null,
  ),
]
