import { allOf, type DisclosureRule, forForm, MDS2_2013, MDS2_2019, no, not } from './rule.js'

/**
 * DTBK (data backup and disaster recovery): a device that keeps patient data but cannot back it up loses it with
 * a disk failure or ransomware; one that cannot back up its configuration stays down longer after a repair.
 */

const noBackup = {
  title: { ja: 'データをバックアップできません', en: 'Data cannot be backed up' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種には記録媒体や外部の保存先へデータをバックアップする機能がありません。故障やランサムウェアでデータが失われると戻せず、診療に必要な記録が使えなくなるおそれがあります。',
    en: 'The manufacturer answered {{cite}}: the device cannot back up its data to removable media or remote storage. Data lost to a failure or ransomware cannot be restored, and records needed for care may be gone.',
  },
  recommendation: {
    ja: 'データを定期的に別のシステム(PACS、部門サーバなど)へ送る運用にできるか、復旧の手順と時間を製造業者に確認し、事業継続計画に入れてください。',
    en: 'Check with the manufacturer whether the data can be sent regularly to another system (PACS, a departmental server…), and how and how fast the device is restored; put this into the continuity plan.',
  },
}

const noConfigBackup = {
  title: { ja: '設定をバックアップできません', en: 'Configuration cannot be backed up' },
  detail: {
    ja: '製造業者の回答 {{cite}} によると、この機種のシステム設定やソフトウェアをバックアップして戻す機能がありません。故障や攻撃の後、元の状態に戻すまでに時間がかかり、その間は機器を使えません。',
    en: 'The manufacturer answered {{cite}}: the device cannot back up and restore its configuration and software. After a failure or an attack it takes longer to bring it back, and it cannot be used meanwhile.',
  },
  recommendation: {
    ja: '設定内容を書面や画面写真で記録しておき、復旧にかかる時間と手順を製造業者に確認してください。',
    en: 'Record the settings on paper or as screenshots, and ask the manufacturer how long a restore takes and how it is done.',
  },
}

const dtbkNoBackup: DisclosureRule = {
  id: 'dtbk-no-backup',
  form: MDS2_2019,
  questionIds: ['DTBK-1', 'DTBK-3', 'DTBK-4'],
  // Only a device that keeps patient data long-term needs its own backup (DTBK-1).
  when: allOf(not(no('DTBK-1')), no('DTBK-3'), no('DTBK-4')),
  asks: ['DTBK-1'],
  severity: 'high',
  finding: noBackup,
  controls: ['backup-and-restore'],
}

export const dtbkRules = [
  dtbkNoBackup,
  forForm(dtbkNoBackup, {
    form: MDS2_2013,
    questionIds: ['7-1'],
    when: no('7-1'),
    asks: ['7-1'],
    severity: 'medium',
  }),
  {
    id: 'dtbk-no-configuration-backup',
    form: MDS2_2019,
    questionIds: ['DTBK-5'],
    when: no('DTBK-5'),
    asks: [],
    severity: 'low',
    finding: noConfigBackup,
    controls: ['backup-and-restore'],
  },
] as const satisfies readonly DisclosureRule[]
