import type { DeviceCategory } from '../ledger/device.js'

/**
 * Default device plans per category (issue 11 part 5, ADR 0042): what a clinical engineer would write on a downtime
 * card before adapting it to the device. Isolation keeps the device running (unplug the network, never the power of a
 * life-supporting device); recovery and validation steps are in the order a person does them.
 */
export interface DefaultPlan {
  isolationJa: string
  isolationEn: string
  recoveryStepsJa: string[]
  recoveryStepsEn: string[]
  validationJa: string[]
  validationEn: string[]
}

type Group = 'life_support' | 'bedside' | 'monitoring' | 'imaging' | 'server' | 'lab' | 'pc' | 'network' | 'generic'

const GROUP: Partial<Record<DeviceCategory, Group>> = {
  ventilator: 'life_support',
  anesthesia_machine: 'life_support',
  dialysis: 'life_support',
  defibrillator: 'life_support',
  infusion_pump: 'bedside',
  syringe_pump: 'bedside',
  patient_monitor: 'monitoring',
  central_monitor: 'monitoring',
  telemetry: 'monitoring',
  ecg: 'monitoring',
  nurse_call: 'monitoring',
  ct: 'imaging',
  mri: 'imaging',
  xray: 'imaging',
  ultrasound: 'imaging',
  angiography: 'imaging',
  mammography: 'imaging',
  nuclear_medicine: 'imaging',
  radiotherapy: 'imaging',
  endoscope: 'imaging',
  modality_workstation: 'imaging',
  pacs: 'server',
  ris: 'server',
  his_emr: 'server',
  server: 'server',
  lab_analyzer: 'lab',
  workstation: 'pc',
  printer: 'pc',
  switch: 'network',
  router: 'network',
  firewall: 'network',
  wireless_ap: 'network',
}

const NET_JA = 'LAN ケーブルを抜く/無線を切る。電源は切らない。'
const NET_EN = 'Unplug the network cable / turn off the wireless. Do not switch the power off.'

const COMMON_RECOVERY_JA = [
  '情報システム担当と臨床工学技士が、ネットワークの安全を確認してから再接続する',
  '機器の時刻を NTP サーバの時刻と照合し、ずれていれば合わせる',
  '設定をバックアップから復元し、設定値（アラーム閾値など）を記録と照合する',
]
const COMMON_RECOVERY_EN = [
  'Reconnect only after hospital IT and the clinical engineer have confirmed the network is safe',
  'Check the device clock against the NTP server and correct it if it drifted',
  'Restore the configuration from the backup and compare the settings (alarm limits…) with the record',
]

const PLANS: Record<Group, DefaultPlan> = {
  life_support: {
    isolationJa: `${NET_JA}生命維持装置のため、治療中は絶対に電源を切らない・再起動しない。`,
    isolationEn: `${NET_EN} This device keeps a patient alive: never power it off or restart it during treatment.`,
    recoveryStepsJa: [
      '患者から外せる時間まで、ネットワークから切り離したまま単体で使い続ける',
      ...COMMON_RECOVERY_JA,
      'メーカーの 24 時間窓口に連絡し、ソフトウェアの健全性の確認方法を聞く',
    ],
    recoveryStepsEn: [
      'Keep using it standalone, off the network, until it can be taken from the patient',
      ...COMMON_RECOVERY_EN,
      "Call the manufacturer's 24 h line and ask how to check the software's integrity",
    ],
    validationJa: [
      'アラーム試験（回路外れ・圧力異常など）で警報が鳴ることを確かめる',
      'テスト肺/模擬回路で設定値どおりに動くことを確かめる',
      '点検記録に結果と確認者を書き、臨床使用に戻す判断を記録する',
    ],
    validationEn: [
      'Run an alarm test (disconnection, pressure) and confirm the alarm sounds',
      'Confirm with a test lung / test circuit that it delivers the set values',
      'Write the result and who checked it in the inspection record before clinical use',
    ],
  },
  bedside: {
    isolationJa: `${NET_JA}投与中のポンプは止めずにそのまま使い、薬剤ライブラリの更新は再接続後に行う。`,
    isolationEn: `${NET_EN} A pump that is infusing keeps running; update the drug library after reconnecting.`,
    recoveryStepsJa: [
      '手書きの投与記録（薬剤・流量・開始時刻）に切り替える',
      ...COMMON_RECOVERY_JA,
      '薬剤ライブラリの版を確認し、最新でなければ更新する',
    ],
    recoveryStepsEn: [
      'Switch to a handwritten infusion record (drug, rate, start time)',
      ...COMMON_RECOVERY_EN,
      'Check the drug library version and update it if it is not the current one',
    ],
    validationJa: ['閉塞アラーム試験を行う', '既知の流量で流量精度を確かめる', '点検記録に結果と確認者を書く'],
    validationEn: [
      'Run an occlusion alarm test',
      'Check the flow accuracy at a known rate',
      'Write the result and who checked it in the inspection record',
    ],
  },
  monitoring: {
    isolationJa: `${NET_JA}ベッドサイドの画面とアラームはそのまま使える。セントラルに表示されない間は看護師がベッドサイドで直接観察する。`,
    isolationEn: `${NET_EN} The bedside screen and alarms keep working; while the central station shows nothing, nurses watch at the bedside.`,
    recoveryStepsJa: [
      'セントラルモニタとの接続（再アソシエーション）をやり直し、ベッド番号と患者の対応を確かめる',
      ...COMMON_RECOVERY_JA.slice(1),
    ],
    recoveryStepsEn: [
      'Re-associate with the central station and check that bed numbers match the patients',
      ...COMMON_RECOVERY_EN.slice(1),
    ],
    validationJa: [
      'アラーム試験（電極外れ・SpO2 プローブ外れ）でベッドサイドとセントラルの両方で鳴ることを確かめる',
      'シミュレータの既知の値（心拍数 60 など）が正しく表示されることを確かめる',
      '点検記録に結果と確認者を書く',
    ],
    validationEn: [
      'Run an alarm test (lead off, SpO2 probe off) and confirm it sounds at the bedside and at the central station',
      'Confirm that a known value from a simulator (heart rate 60…) is shown correctly',
      'Write the result and who checked it in the inspection record',
    ],
  },
  imaging: {
    isolationJa: `${NET_JA}撮影中の検査は終えてから切り離す。画像は装置内に保存し、復旧後に送る。`,
    isolationEn: `${NET_EN} Finish the running exam before disconnecting; images stay on the device and are sent after recovery.`,
    recoveryStepsJa: [...COMMON_RECOVERY_JA, 'PACS への送信設定（AE タイトル・ポート）を確かめ、保留中の画像を送る'],
    recoveryStepsEn: [
      ...COMMON_RECOVERY_EN,
      'Check the PACS send settings (AE title, port) and send the images held on the device',
    ],
    validationJa: [
      'ファントムで試験撮影し、画質と線量表示を確かめる',
      'PACS に画像が届き、患者情報が正しいことを確かめる',
    ],
    validationEn: [
      'Take a test exposure of a phantom and check image quality and dose display',
      'Confirm the images arrive in PACS with the right patient details',
    ],
  },
  server: {
    isolationJa:
      'ネットワークから切り離す（スイッチのポートを止める/LAN ケーブルを抜く）。電源は切らない：調査のためメモリと記録を残す。',
    isolationEn:
      'Take it off the network (disable the switch port / unplug the cable). Do not power it off: memory and logs are kept for investigation.',
    recoveryStepsJa: [
      '感染していないことが確かめられたバックアップを選ぶ',
      'クリーンな環境に OS とアプリケーションを入れ直し、データをバックアップから復元する',
      '時刻を NTP と照合する',
      '接続する機器・システムを一つずつ戻し、連携を確かめる',
    ],
    recoveryStepsEn: [
      'Choose a backup that is known to be clean',
      'Reinstall the operating system and application on a clean system and restore the data from the backup',
      'Check the clock against NTP',
      'Reconnect the devices and systems one at a time and check each interface',
    ],
    validationJa: [
      '既知の患者（テスト患者）のデータを照会し、正しく表示されることを確かめる',
      '連携先への送受信を試験する',
    ],
    validationEn: [
      'Look up a known (test) patient and confirm the data shown is right',
      'Test sending to and receiving from the connected systems',
    ],
  },
  lab: {
    isolationJa: `${NET_JA}検査結果は装置の画面と印刷で確認し、紙で報告する。`,
    isolationEn: `${NET_EN} Read results on the analyzer screen or printout and report them on paper.`,
    recoveryStepsJa: [...COMMON_RECOVERY_JA, '検査システム（LIS）との連携を再開し、保留中の結果を送る'],
    recoveryStepsEn: [
      ...COMMON_RECOVERY_EN,
      'Resume the link to the laboratory system (LIS) and send the held results',
    ],
    validationJa: [
      '精度管理試料（既知の値）を測定し、許容範囲内であることを確かめる',
      'LIS に結果が正しく届くことを確かめる',
    ],
    validationEn: [
      'Measure a quality-control sample with known values and confirm it is within range',
      'Confirm results reach the LIS correctly',
    ],
  },
  pc: {
    isolationJa: 'LAN ケーブルを抜く/無線を切る。電源は切らない（調査のため）。',
    isolationEn: 'Unplug the network cable / turn off the wireless. Do not power it off (kept for investigation).',
    recoveryStepsJa: ['情報システム担当の指示で再イメージ（初期化して入れ直し）する', '時刻を NTP と照合する'],
    recoveryStepsEn: ['Re-image it (wipe and reinstall) as hospital IT directs', 'Check the clock against NTP'],
    validationJa: ['ログインし、業務アプリケーションが動くことを確かめる'],
    validationEn: ['Log in and confirm the clinical application works'],
  },
  network: {
    isolationJa: '情報システム担当が上流のポートを止める。電源は切らない（調査のため）。',
    isolationEn: 'Hospital IT disables the upstream port. Do not power it off (kept for investigation).',
    recoveryStepsJa: ['設定を既知の正しいバックアップから戻す', '管理用パスワードを変更する', '時刻を NTP と照合する'],
    recoveryStepsEn: [
      'Restore the configuration from a known-good backup',
      'Change the management passwords',
      'Check the clock against NTP',
    ],
    validationJa: ['つながる機器の通信を確かめる'],
    validationEn: ['Check that the devices behind it communicate'],
  },
  generic: {
    isolationJa: NET_JA,
    isolationEn: NET_EN,
    recoveryStepsJa: COMMON_RECOVERY_JA,
    recoveryStepsEn: COMMON_RECOVERY_EN,
    validationJa: ['機器の自己診断と動作確認を行う', '点検記録に結果と確認者を書く'],
    validationEn: [
      'Run the self-test and a function check',
      'Write the result and who checked it in the inspection record',
    ],
  },
}

/** The default plan for a device of this category (life-critical devices always get the never-power-off text). */
export function defaultPlan(category: string, lifeCritical = false): DefaultPlan {
  const g = GROUP[category as DeviceCategory] ?? 'generic'
  const plan = PLANS[lifeCritical && (g === 'generic' || g === 'bedside') ? 'life_support' : g]
  return {
    ...plan,
    recoveryStepsJa: [...plan.recoveryStepsJa],
    recoveryStepsEn: [...plan.recoveryStepsEn],
    validationJa: [...plan.validationJa],
    validationEn: [...plan.validationEn],
  }
}
