import type { DeviceCategory } from './ledger/device.js'

/**
 * Japanese generic names (一般的名称, JMDN) and the everyday words hospitals write in a 機器名 / 品名 column, mapped to
 * a ledger category. This is data: add a row (or a word) when a ledger uses a name that is not here. A name is
 * matched after NFKC folding, lower case, without spaces; a cell that is not one of these words exactly is matched by
 * the longest word (3 characters or more) it contains, so 「輸液ポンプ TE-161S」 still reads as an infusion pump.
 *
 * Source: the project's reference list of generic names of networked hospital devices (package inserts and PMDA/MHLW
 * pages; JMDN codes where printed). Rows that the list marks 名称要確認 (name not confirmed in any source) are marked
 * `unconfirmed` here; their everyday words are still useful for matching.
 */
export interface GenericNameRow {
  /** The official generic name (一般的名称), or the group name when the exact one is not confirmed. */
  generic: string
  /** Words hospitals write for it in a 機器名 column. */
  everyday: readonly string[]
  category: DeviceCategory
  /** 8-digit JMDN code when a source printed it. */
  jmdn?: string
  unconfirmed?: true
}

export const GENERIC_NAMES: readonly GenericNameRow[] = [
  {
    generic: '汎用輸液ポンプ',
    everyday: ['輸液ポンプ', '点滴ポンプ', '輸液ポンプラック', '通信ラック'],
    category: 'infusion_pump',
    jmdn: '13215000',
  },
  { generic: '注射筒輸液ポンプ', everyday: ['シリンジポンプ'], category: 'syringe_pump', jmdn: '13217000' },
  {
    generic: '患者管理無痛法用輸液ポンプ',
    everyday: ['PCAポンプ', '小型シリンジポンプ'],
    category: 'syringe_pump',
    jmdn: '35932000',
  },
  {
    generic: '経腸栄養用輸液ポンプ',
    everyday: ['経腸栄養ポンプ', 'フィーディングポンプ'],
    category: 'infusion_pump',
    jmdn: '13209000',
  },
  {
    generic: '多項目モニタ',
    everyday: ['ベッドサイドモニタ', 'ベッドサイドモニター', '生体情報モニタ', '生体情報モニター', '患者モニタ', 'BSM'],
    category: 'patient_monitor',
    jmdn: '33586002',
  },
  { generic: '非観血血圧モニタ', everyday: ['血圧モニタ'], category: 'patient_monitor', jmdn: '31681000' },
  { generic: '重要パラメータ付き多項目モニタ', everyday: [], category: 'patient_monitor', unconfirmed: true },
  {
    generic: 'セントラルモニタ',
    everyday: ['セントラル', 'セントラルモニター'],
    category: 'central_monitor',
    jmdn: '38470002',
  },
  { generic: '解析機能付きセントラルモニタ', everyday: [], category: 'central_monitor', jmdn: '38470003' },
  {
    generic: 'テレメトリー式心電送信機',
    everyday: ['送信機', 'テレメータ', 'テレメーター', 'テレメ', '心電図送信機'],
    category: 'telemetry',
    jmdn: '36367000',
  },
  {
    generic: '医用テレメータ',
    everyday: ['テレメータ受信機', '受信ユニット'],
    category: 'telemetry',
    unconfirmed: true,
  },
  {
    generic: 'パルスオキシメータ',
    everyday: ['SpO2モニタ', 'サチュレーションモニタ'],
    category: 'patient_monitor',
    jmdn: '17148010',
  },
  { generic: '機能検査オキシメータ', everyday: ['酸素飽和度モニター'], category: 'patient_monitor', jmdn: '70080000' },
  {
    generic: '成人用人工呼吸器',
    everyday: ['人工呼吸器', 'ベンチレーター', 'レスピレーター'],
    category: 'ventilator',
    jmdn: '42411000',
  },
  { generic: '家庭治療用人工呼吸器', everyday: ['在宅人工呼吸器'], category: 'ventilator' },
  { generic: '汎用人工呼吸器', everyday: [], category: 'ventilator', unconfirmed: true },
  { generic: '新生児・小児用人工呼吸器', everyday: ['NICU人工呼吸器'], category: 'ventilator', unconfirmed: true },
  { generic: '持続的気道陽圧ユニット', everyday: ['CPAP'], category: 'ventilator' },
  {
    generic: '麻酔システム',
    everyday: ['麻酔器', '全身麻酔器', '麻酔装置'],
    category: 'anesthesia_machine',
    jmdn: '37710000',
  },
  { generic: '多機能モジュール', everyday: ['麻酔器モジュール'], category: 'anesthesia_machine', jmdn: '36553000' },
  {
    generic: 'マルチガスモジュール',
    everyday: ['ガスモニタ', '麻酔ガスモニタ'],
    category: 'anesthesia_machine',
    jmdn: '37061000',
  },
  { generic: '脳波スペクトル分析装置', everyday: ['麻酔深度モニタ'], category: 'anesthesia_machine', jmdn: '35777000' },
  {
    generic: '一時的使用ペーシング機能付除細動器',
    everyday: ['除細動器', 'デフィブリレータ'],
    category: 'defibrillator',
    jmdn: '17882000',
  },
  { generic: '半自動除細動器', everyday: ['AED'], category: 'defibrillator', jmdn: '37805000' },
  { generic: '非医療従事者向け自動除細動器', everyday: [], category: 'defibrillator', jmdn: '35972020' },
  { generic: '多機能心電計', everyday: ['心電計', '12誘導心電計', '心電図'], category: 'ecg', jmdn: '11407020' },
  {
    generic: '心臓運動負荷モニタリングシステム',
    everyday: ['運動負荷心電図測定装置', 'トレッドミル', '負荷心電図'],
    category: 'ecg',
    jmdn: '36145000',
  },
  {
    generic: '長時間心電用データレコーダ',
    everyday: ['ホルター心電計', 'ホルター', '長時間心電図記録器'],
    category: 'ecg',
    jmdn: '35162000',
  },
  {
    generic: '全身用X線CT診断装置',
    everyday: ['CT', 'CTスキャナ', 'マルチスライスCT', 'X線CT', 'CT装置'],
    category: 'ct',
    jmdn: '37618010',
  },
  { generic: '超電導磁石式全身用MR装置', everyday: ['MRI', 'MR', 'MRI装置'], category: 'mri', jmdn: '37654000' },
  { generic: '永久磁石式全身用MR装置', everyday: ['オープンMRI'], category: 'mri' },
  { generic: '常電導磁石式全身用MR装置', everyday: [], category: 'mri' },
  { generic: 'MR組合せ型ポジトロンCT装置', everyday: ['PET-MRI'], category: 'nuclear_medicine' },
  { generic: '核医学診断用ポジトロンCT装置', everyday: ['PET', 'PET装置', 'PET-CT'], category: 'nuclear_medicine' },
  {
    generic: '核医学診断用検出器回転型SPECT装置',
    everyday: ['SPECT', 'ガンマカメラ', 'RI装置', '核医学装置'],
    category: 'nuclear_medicine',
    unconfirmed: true,
  },
  {
    generic: '汎用超音波画像診断装置',
    everyday: ['超音波診断装置', '超音波', 'エコー'],
    category: 'ultrasound',
    jmdn: '40761000',
  },
  { generic: '循環器用超音波画像診断装置', everyday: ['心エコー'], category: 'ultrasound', jmdn: '40763000' },
  {
    generic: '据置型デジタル式汎用X線診断装置',
    everyday: ['一般撮影装置', 'X線撮影装置', 'レントゲン'],
    category: 'xray',
    jmdn: '37645010',
  },
  { generic: '据置型アナログ式汎用X線診断装置', everyday: [], category: 'xray' },
  {
    generic: '移動型デジタル式汎用X線診断装置',
    everyday: ['ポータブル撮影装置', '回診用X線', '回診車'],
    category: 'xray',
  },
  { generic: '移動型アナログ式汎用X線診断装置', everyday: [], category: 'xray', jmdn: '37626010' },
  { generic: 'ポータブル型デジタル式汎用X線診断装置', everyday: ['ポータブルX線'], category: 'xray' },
  { generic: '据置型デジタル式汎用X線透視診断装置', everyday: ['X線TV', '透視装置'], category: 'xray' },
  { generic: '据置型アナログ式汎用X線透視診断装置', everyday: [], category: 'xray' },
  {
    generic: '移動型デジタル式汎用X線透視診断装置',
    everyday: ['Cアーム', '外科用イメージ'],
    category: 'xray',
    unconfirmed: true,
  },
  {
    generic: '据置型デジタル式循環器用X線透視診断装置',
    everyday: ['アンギオ', '血管撮影装置'],
    category: 'angiography',
    unconfirmed: true,
  },
  { generic: '胸・腹部集団検診用X線診断装置', everyday: ['検診用X線'], category: 'xray', jmdn: '37627030' },
  {
    generic: '乳房用X線診断装置',
    everyday: ['マンモグラフィ', 'マンモグラフィー', 'マンモ'],
    category: 'mammography',
    unconfirmed: true,
  },
  { generic: '歯科用パノラマX線装置', everyday: ['パノラマ'], category: 'xray', unconfirmed: true },
  { generic: '二重エネルギー骨X線吸収測定装置', everyday: ['骨密度測定装置', 'DXA'], category: 'xray' },
  {
    generic: '汎用画像診断装置ワークステーション',
    everyday: ['画像ワークステーション', '読影ビューア', '医用画像処理表示装置', '画像処理ワークステーション'],
    category: 'modality_workstation',
    jmdn: '70030000',
  },
  {
    generic: '汎用画像診断装置ワークステーション用プログラム',
    everyday: ['画像処理ソフト', '3D解析ソフト'],
    category: 'modality_workstation',
    jmdn: '70030012',
  },
  { generic: 'PACS', everyday: ['画像サーバ', '画像サーバー', '画像保管サーバ'], category: 'pacs' },
  {
    generic: '多用途透析装置',
    everyday: ['透析装置', '透析コンソール', '多用途透析用監視装置', '血液透析装置'],
    category: 'dialysis',
    jmdn: '34994020',
  },
  { generic: '個人用透析装置', everyday: [], category: 'dialysis', jmdn: '34994010' },
  { generic: '透析用監視装置', everyday: ['ベッドサイドコンソール'], category: 'dialysis' },
  { generic: '血液透析濾過用装置', everyday: ['HDF装置'], category: 'dialysis' },
  { generic: '多人数用透析液供給装置', everyday: ['透析液供給装置'], category: 'dialysis', unconfirmed: true },
  { generic: '多用途血液処理用装置', everyday: ['血液浄化装置', 'CRRT'], category: 'dialysis', jmdn: '70544000' },
  {
    generic: 'ビデオ軟性胃十二指腸鏡',
    everyday: ['上部内視鏡', '胃カメラ', '電子内視鏡'],
    category: 'endoscope',
    jmdn: '38805000',
  },
  { generic: 'ビデオ軟性大腸鏡', everyday: ['下部内視鏡', '大腸カメラ'], category: 'endoscope', unconfirmed: true },
  { generic: 'ビデオ軟性気管支鏡', everyday: ['気管支鏡'], category: 'endoscope', unconfirmed: true },
  { generic: 'ビデオ硬性腹腔鏡', everyday: ['腹腔鏡'], category: 'endoscope', jmdn: '43053000' },
  {
    generic: '内視鏡ビデオ画像プロセッサ',
    everyday: ['ビデオプロセッサ', '内視鏡システム', '内視鏡'],
    category: 'endoscope',
    jmdn: '18034000',
  },
  { generic: 'カプセル型撮像及び追跡装置', everyday: ['カプセル内視鏡'], category: 'endoscope', jmdn: '71027000' },
  { generic: '血液ガス分析装置', everyday: ['血ガス', 'ブラッドガス'], category: 'lab_analyzer', unconfirmed: true },
  {
    generic: '臨床化学自動分析装置',
    everyday: ['生化学自動分析装置', '生化学分析装置', '検体検査装置', '分析装置'],
    category: 'lab_analyzer',
    unconfirmed: true,
  },
  {
    generic: '多項目自動血球分析装置',
    everyday: ['血球計数装置', '血算装置'],
    category: 'lab_analyzer',
    unconfirmed: true,
  },
  { generic: '免疫分析装置', everyday: ['免疫測定装置'], category: 'lab_analyzer', unconfirmed: true },
  {
    generic: '線形加速器システム',
    everyday: ['リニアック', '放射線治療装置'],
    category: 'radiotherapy',
    unconfirmed: true,
  },
  {
    generic: '放射線治療計画プログラム',
    everyday: ['治療計画装置', 'RTPS'],
    category: 'radiotherapy',
    unconfirmed: true,
  },
  { generic: '電子カルテ', everyday: ['電子カルテシステム', 'オーダリング', '病院情報システム'], category: 'his_emr' },
  { generic: '放射線情報システム', everyday: ['RIS'], category: 'ris' },
  { generic: 'ナースコール', everyday: [], category: 'nurse_call' },
]

/** The Japanese word for each category, as the Japanese UI and Japanese exports write it. */
export const CATEGORY_LABEL_JA: Readonly<Record<DeviceCategory, string>> = {
  patient_monitor: '生体情報モニタ',
  central_monitor: 'セントラルモニタ',
  infusion_pump: '輸液ポンプ',
  syringe_pump: 'シリンジポンプ',
  ventilator: '人工呼吸器',
  anesthesia_machine: '麻酔器',
  defibrillator: '除細動器',
  ecg: '心電計',
  dialysis: '透析装置',
  ct: 'CT',
  mri: 'MRI',
  ultrasound: '超音波診断装置',
  xray: 'X線撮影装置',
  angiography: '血管撮影装置',
  mammography: 'マンモグラフィ',
  nuclear_medicine: '核医学',
  radiotherapy: '放射線治療装置',
  endoscope: '内視鏡',
  lab_analyzer: '検体検査装置',
  pacs: 'PACS',
  modality_workstation: 'モダリティワークステーション',
  ris: 'RIS',
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

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s・\-_/()（）]/g, '')

const EXACT: ReadonlyMap<string, DeviceCategory> = (() => {
  const m = new Map<string, DeviceCategory>()
  for (const [cat, label] of Object.entries(CATEGORY_LABEL_JA) as [DeviceCategory, string][]) {
    if (cat !== 'other') m.set(fold(label), cat)
  }
  for (const r of GENERIC_NAMES) {
    for (const w of [r.generic, ...r.everyday]) if (!m.has(fold(w))) m.set(fold(w), r.category)
  }
  return m
})()

/** Words of 3+ characters, longest first, for matching inside a longer cell. */
const CONTAINED: readonly [string, DeviceCategory][] = [...EXACT.entries()]
  .filter(([w]) => w.length >= 3)
  .sort((a, b) => b[0].length - a[0].length)

/**
 * The category a generic or everyday device name points to (「輸液ポンプ」 → infusion_pump), or null when the name is
 * not in {@link GENERIC_NAMES}.
 */
export function categoryOfName(name: string): DeviceCategory | null {
  const f = fold(name)
  if (f === '') return null
  const exact = EXACT.get(f)
  if (exact) return exact
  for (const [w, cat] of CONTAINED) if (f.includes(w)) return cat
  return null
}

/** Words that find a category in the ledger search: its Japanese label and the generic names that map to it. */
export function categorySearchWords(category: string): string {
  return CATEGORY_LABEL_JA[category as DeviceCategory] ?? ''
}
