import type { PlaybookPhase } from '../../../api/bcp.js'
import type { TaskFields } from './store.js'

/**
 * The default playbook (ADR 0043): a starting set of tasks in MHLW's five phases of the 2024 手引き for a BCP that
 * assumes a cyberattack (平時 / 検知 / 初動対応 / 復旧処理 / 事後対応), written once into the hospital's playbook on its
 * first read and then edited like any task. Owners are suggested roles, not people. `source` names a document only
 * where the task is plainly in it: the MHLW checklist items (3-①, 3-②, 3-③), the 手引き's phase structure, and the
 * MITRE/FDA Medical Device Cybersecurity Regional Incident Preparedness and Response Playbook (2022) for the
 * device-specific steps; the rest is common practice and says nothing.
 */
interface Def {
  titleJa: string
  titleEn: string
  detailJa?: string
  detailEn?: string
  owner: string
  source?: string
}

const PHASES: Record<PlaybookPhase, Def[]> = {
  peacetime: [
    {
      titleJa: '連絡体制図(院内・事業者・厚生労働省・警察)を作成し、電話番号を確かめる',
      titleEn: 'Draw up the contact chart (inside, vendors, MHLW, police) and check the phone numbers',
      owner: '医療情報システム安全管理責任者',
      source: 'チェックリスト 3-①',
    },
    {
      titleJa: '診療に必要なデータとシステムのバックアップを取り、復旧手順を確かめる',
      titleEn: 'Back up the data and systems care depends on, and check the recovery procedure',
      detailJa: 'バックアップはネットワークから切り離した場所にも保管する。',
      detailEn: 'Keep one copy of the backups off the network.',
      owner: '情報システム担当',
      source: 'チェックリスト 3-②',
    },
    {
      titleJa: '臨床サービスごとに許容停止時間、紙運用、切替を決める人を決める',
      titleEn: 'For each clinical service, set the tolerable downtime, the paper fallback and who decides to switch',
      owner: '各部門責任者',
      source: 'チェックリスト 3-③',
    },
    {
      titleJa: '機器ごとの停止時手順カードを印刷し、ベッドサイド・部署に置く',
      titleEn: 'Print the downtime card of each device and keep it at the bedside or in the department',
      owner: '臨床工学技士',
    },
    {
      titleJa: '医療機器の台帳と通信先(保守回線を含む)を最新にする',
      titleEn: 'Keep the device ledger and its connections (remote-maintenance lines included) up to date',
      owner: '臨床工学技士',
      source: 'MITRE/FDA playbook',
    },
    {
      titleJa: '紙運用の帳票(オーダー、検査依頼、記録)を各部署に用意する',
      titleEn: 'Stock paper forms (orders, lab requests, charting) in every department',
      owner: '各部門責任者',
    },
    {
      titleJa: 'サイバー攻撃を想定した机上訓練を年に1回以上行い、記録する',
      titleEn: 'Hold a tabletop exercise on a cyberattack at least once a year and record it',
      owner: '医療情報システム安全管理責任者',
      source: '手引き',
    },
  ],
  detection: [
    {
      titleJa: '異常(画面の脅迫文、ファイルが開けない、機器の通信異常)を見つけたら、すぐ情報システム担当に連絡する',
      titleEn:
        'Anyone who sees something wrong (a ransom note, files that will not open, a device that loses its link) calls IT at once',
      owner: '全職員',
    },
    {
      titleJa: '影響している端末・サーバ・医療機器の範囲を確かめる',
      titleEn: 'Find which PCs, servers and medical devices are affected',
      owner: '情報システム担当',
    },
    {
      titleJa: '医療機器の異常は臨床工学技士が確認し、患者への影響を見る',
      titleEn: 'A clinical engineer checks any medical device that behaves oddly and whether patients are affected',
      owner: '臨床工学技士',
      source: 'MITRE/FDA playbook',
    },
    {
      titleJa: '医療情報システム安全管理責任者と院長に報告する',
      titleEn: 'Report to the security officer and the hospital director',
      owner: '情報システム担当',
    },
    {
      titleJa: '見たこと・時刻・画面の写真を記録する(証拠を消さない)',
      titleEn: 'Write down what was seen, when, and photograph the screen (do not destroy evidence)',
      owner: '情報システム担当',
    },
  ],
  initial_response: [
    {
      titleJa: '感染が疑われる機器をネットワークから切り離す(LAN ケーブルを抜く。電源は切らない)',
      titleEn: 'Isolate suspected devices from the network (unplug the LAN cable; do not switch off the power)',
      detailJa: '電源を切るとメモリ上の証拠が消え、生命維持に関わる機器が止まる。',
      detailEn: 'Switching off loses evidence in memory and stops devices that keep patients alive.',
      owner: '情報システム担当',
    },
    {
      titleJa: '対策本部を立ち上げ、切替の判断をする人を決める',
      titleEn: 'Set up the incident command and name who decides to switch to the fallback',
      owner: '院長',
      source: 'MITRE/FDA playbook',
    },
    {
      titleJa: '止まった臨床サービスを紙運用・手作業に切り替える',
      titleEn: 'Switch the stopped clinical services to paper and manual work',
      owner: '各部門責任者',
    },
    {
      titleJa: '保守事業者・機器メーカーに連絡し、支援を依頼する',
      titleEn: 'Call the maintenance vendors and device manufacturers and ask for support',
      owner: '情報システム担当',
    },
    {
      titleJa: '厚生労働省と所轄警察署(サイバー犯罪相談窓口)に連絡する',
      titleEn: 'Notify MHLW and the local police (cyber-crime desk)',
      owner: '医療情報システム安全管理責任者',
      source: 'チェックリスト 3-①',
    },
    {
      titleJa: '患者の受け入れ制限や転院の要否を判断し、地域の医療機関と調整する',
      titleEn: 'Decide whether to limit admissions or transfer patients, and coordinate with nearby hospitals',
      owner: '院長',
    },
  ],
  recovery: [
    {
      titleJa: '被害の範囲と原因を確かめ、復旧の順番(優先する臨床サービス)を決める',
      titleEn: 'Establish the extent and cause, and set the order of recovery (which clinical services first)',
      owner: '医療情報システム安全管理責任者',
    },
    {
      titleJa: '安全なバックアップからシステムを復元する',
      titleEn: 'Restore systems from a clean backup',
      owner: '情報システム担当',
      source: 'チェックリスト 3-②',
    },
    {
      titleJa: '医療機器を再接続し、時刻・設定・通信を確かめてから臨床に戻す',
      titleEn: 'Reconnect medical devices and check time, settings and communication before clinical use',
      owner: '臨床工学技士',
      source: 'MITRE/FDA playbook',
    },
    {
      titleJa: '紙運用の間の記録をシステムに入力する',
      titleEn: 'Enter what was recorded on paper during the downtime into the systems',
      owner: '各部門責任者',
    },
    {
      titleJa: 'パスワードを変更し、不要なアカウントを削除する',
      titleEn: 'Change passwords and remove accounts no longer needed',
      owner: '情報システム担当',
    },
  ],
  post_incident: [
    {
      titleJa: '経過・判断・対応を時系列でまとめる',
      titleEn: 'Write up the timeline of what happened, what was decided and what was done',
      owner: '医療情報システム安全管理責任者',
    },
    {
      titleJa: '振り返りを行い、BCP・連絡体制図・停止時手順を改める',
      titleEn: 'Hold a review and revise the BCP, the contact chart and the downtime procedures',
      owner: '医療情報システム安全管理責任者',
      source: '手引き',
    },
    {
      titleJa: '厚生労働省・警察・関係機関への報告を完了する',
      titleEn: 'Complete the reports to MHLW, the police and other bodies',
      owner: '院長',
    },
    {
      titleJa: '患者・職員への説明と個人情報の漏えいの有無の確認',
      titleEn: 'Inform patients and staff, and check whether personal data leaked',
      owner: '院長',
    },
    {
      titleJa: '機器メーカーに原因と再発防止策を確認する',
      titleEn: 'Ask the manufacturers for the cause and how it will be prevented',
      owner: '臨床工学技士',
    },
  ],
}

/** The default tasks, in phase order, `order` numbering each phase from 10 in steps of 10. */
export function defaultPlaybook(): TaskFields[] {
  return (Object.entries(PHASES) as [PlaybookPhase, Def[]][]).flatMap(([phase, defs]) =>
    defs.map((d, i) => ({
      phase,
      titleJa: d.titleJa,
      titleEn: d.titleEn,
      detailJa: d.detailJa ?? '',
      detailEn: d.detailEn ?? '',
      owner: d.owner,
      serviceIds: [],
      order: (i + 1) * 10,
      source: d.source ?? '',
    })),
  )
}

/** The five phases in Japanese and English, as the 手引き names them. */
export const PHASE_WORDS: Record<PlaybookPhase, { ja: string; en: string }> = {
  peacetime: { ja: '平時', en: 'Peacetime (preparation)' },
  detection: { ja: '検知', en: 'Detection' },
  initial_response: { ja: '初動対応', en: 'Initial response' },
  recovery: { ja: '復旧処理', en: 'Recovery' },
  post_incident: { ja: '事後対応', en: 'After the incident' },
}
