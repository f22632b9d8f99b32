import { type Kysely, sql } from 'kysely'

/**
 * The device's generic name (一般的名称 / 機器名: 輸液ポンプ, 生体情報モニタ), kept apart from its model (型式), with a
 * sort index like the other list columns. Existing rows get the Japanese word of their category appended to
 * `search_text`, so that searching 「輸液ポンプ」 finds devices imported before this migration too (new writes build
 * `search_text` from the name and the category word themselves).
 */

/** Frozen copy of the category words at the time of this migration (migrations must not depend on today's code). */
const CATEGORY_WORDS_0005: Record<string, string> = {
  patient_monitor: '生体情報モニタ',
  central_monitor: 'セントラルモニタ',
  infusion_pump: '輸液ポンプ',
  syringe_pump: 'シリンジポンプ',
  ventilator: '人工呼吸器',
  anesthesia_machine: '麻酔器',
  defibrillator: '除細動器',
  ecg: '心電計',
  dialysis: '透析装置',
  ct: 'ct',
  mri: 'mri',
  ultrasound: '超音波診断装置',
  xray: 'x線撮影装置',
  angiography: '血管撮影装置',
  mammography: 'マンモグラフィ',
  nuclear_medicine: '核医学',
  radiotherapy: '放射線治療装置',
  endoscope: '内視鏡',
  lab_analyzer: '検体検査装置',
  pacs: 'pacs',
  modality_workstation: 'モダリティワークステーション',
  ris: 'ris',
  his_emr: '電子カルテ',
  nurse_call: 'ナースコール',
  telemetry: 'テレメータ',
  printer: 'プリンタ',
  switch: 'スイッチ',
  router: 'ルータ',
  firewall: 'ファイアウォール',
  wireless_ap: '無線アクセスポイント',
  workstation: 'ワークステーション',
  server: 'サーバ',
  other: 'その他',
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('name', 'text').execute()
  await db.schema.createIndex('devices_name_id_idx').on('devices').columns(['name', 'id']).execute()
  for (const [category, word] of Object.entries(CATEGORY_WORDS_0005)) {
    await sql`update devices set search_text = search_text || ${` ${word}`} where category = ${category}`.execute(db)
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('devices_name_id_idx').execute()
  await db.schema.alterTable('devices').dropColumn('name').execute()
}
