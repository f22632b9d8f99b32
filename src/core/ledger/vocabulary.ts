import type { ConnectionType, DeviceCategory, DeviceKind, DeviceStatus, UsageEnvironment } from './device.js'

/**
 * The ledger's vocabulary: for each stable id of a choice field, the words hospitals write for it in their ledgers
 * (医療機器, 使用中, 有線 …). The first word of each list is the one a Japanese export writes; matching ignores
 * case, width, spaces and punctuation (see `normalizeWord` in `./cells.ts`).
 */

/** Words people write for each kind (the first is the Japanese export word). */
export const KIND_WORDS: Record<DeviceKind, readonly string[]> = {
  medical_device: ['医療機器', '医療用機器', 'ME機器', '医用機器', 'medical device', 'medical'],
  server: ['サーバ', 'サーバー', 'server'],
  pc: ['PC', 'パソコン', '端末', '端末PC', 'クライアント', 'クライアントPC', 'computer', 'workstation pc'],
  network_device: ['ネットワーク機器', 'NW機器', 'ネットワーク', 'network device', 'network'],
  other: ['その他', 'other'],
}

/** Words people write for each category (the first is the Japanese export word). */
export const CATEGORY_WORDS: Record<DeviceCategory, readonly string[]> = {
  patient_monitor: [
    '生体情報モニタ',
    '生体情報モニター',
    'ベッドサイドモニタ',
    'ベッドサイドモニター',
    '患者モニタ',
    'patient monitor',
  ],
  central_monitor: ['セントラルモニタ', 'セントラルモニター', 'central monitor'],
  infusion_pump: ['輸液ポンプ', 'infusion pump'],
  syringe_pump: ['シリンジポンプ', 'syringe pump'],
  ventilator: ['人工呼吸器', 'ventilator'],
  anesthesia_machine: ['麻酔器', '麻酔装置', 'anesthesia machine'],
  defibrillator: ['除細動器', 'AED', 'defibrillator'],
  ecg: ['心電計', '心電図', 'ECG', 'EKG'],
  dialysis: ['透析装置', '血液透析装置', '透析', 'dialysis'],
  ct: ['CT', 'X線CT', 'CT装置'],
  mri: ['MRI', 'MRI装置'],
  ultrasound: ['超音波診断装置', '超音波', 'エコー', 'ultrasound'],
  xray: ['X線撮影装置', '一般撮影装置', '一般撮影', 'X線', 'レントゲン', 'x-ray', 'xray'],
  angiography: ['血管撮影装置', 'アンギオ', 'angiography'],
  mammography: ['マンモグラフィ', 'マンモグラフィー', 'mammography'],
  nuclear_medicine: ['核医学', '核医学装置', 'ガンマカメラ', 'PET', 'SPECT', 'nuclear medicine'],
  radiotherapy: ['放射線治療装置', '放射線治療', 'リニアック', 'radiotherapy'],
  endoscope: ['内視鏡', '内視鏡システム', 'endoscope'],
  lab_analyzer: ['検体検査装置', '臨床検査装置', '検査装置', '分析装置', 'lab analyzer', 'analyzer'],
  pacs: ['PACS', '画像サーバ', '画像サーバー'],
  modality_workstation: [
    'モダリティワークステーション',
    '画像ワークステーション',
    '画像処理ワークステーション',
    'modality workstation',
  ],
  ris: ['RIS', '放射線情報システム'],
  his_emr: ['電子カルテ', 'HIS', 'EMR', '病院情報システム', 'his/emr'],
  nurse_call: ['ナースコール', 'nurse call'],
  telemetry: ['テレメータ', 'テレメーター', 'テレメトリ', 'telemetry'],
  printer: ['プリンタ', 'プリンター', 'printer'],
  switch: ['スイッチ', 'L2スイッチ', 'L3スイッチ', 'スイッチングハブ', 'switch'],
  router: ['ルータ', 'ルーター', 'router'],
  firewall: ['ファイアウォール', 'ファイヤーウォール', 'UTM', 'firewall'],
  wireless_ap: ['無線アクセスポイント', '無線AP', 'アクセスポイント', 'wireless ap', 'access point'],
  workstation: ['ワークステーション', 'workstation'],
  server: ['サーバ', 'サーバー', 'server'],
  other: ['その他', 'other'],
}

/** Words people write for each connection type (the first is the Japanese export word). */
export const CONNECTION_WORDS: Record<ConnectionType, readonly string[]> = {
  wired: ['有線', '有線LAN', 'LAN', 'イーサネット', 'ethernet', 'wired'],
  wifi: ['無線', '無線LAN', 'Wi-Fi', 'WiFi', 'WLAN', 'wireless'],
  bluetooth: ['Bluetooth', 'BT'],
  usb_media: ['USB', 'USBメモリ', '外部媒体', '媒体', '可搬媒体', 'USB/media', 'usb media'],
  remote_maintenance: ['リモート保守', 'リモートメンテナンス', '保守回線', '遠隔保守', 'remote maintenance', 'remote'],
  cellular: ['携帯回線', 'モバイル回線', 'LTE', '4G', '5G', 'cellular'],
}

/** Words people write for each usage environment (the first is the Japanese export word). */
export const USAGE_WORDS: Record<UsageEnvironment, readonly string[]> = {
  in_hospital: ['院内', '病院内', 'in hospital'],
  outside_hospital: ['院外', '在宅', '在宅医療', 'outside hospital', 'home care', 'home'],
  with_patient: ['患者携帯', '患者と移動', '植込み', '植え込み', '体内', 'with patient', 'implant', 'wearable'],
}

/** Words people write for each status (the first is the Japanese export word). */
export const STATUS_WORDS: Record<DeviceStatus, readonly string[]> = {
  in_use: ['使用中', '稼働中', '運用中', '使用', '稼働', 'in use', 'active'],
  in_storage: ['保管中', '保管', '予備', '在庫', '停止中', 'in storage', 'storage', 'spare'],
  decommissioned: ['廃棄', '廃棄済', '廃棄済み', '廃止', '除却', '除却済', 'decommissioned', 'disposed', 'retired'],
  acceptance: ['導入時確認中', '受入確認中', '受入検査中', '導入前', 'acceptance', 'acceptance test', 'commissioning'],
}
