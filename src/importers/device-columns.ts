import type {
  ConnectionType,
  DEVICE_CATEGORIES,
  DEVICE_KINDS,
  DEVICE_STATUSES,
  DeviceFields,
  USAGE_ENVIRONMENTS,
} from '../../api/device.js'
import type { ImportProblemDto } from '../../api/import.js'

/**
 * Header → ledger field mapping for device tables (CSV/XLSX), and the cell-value readers that accept what
 * Japanese hospitals actually type: 医療機器, 使用中, はい/○, 令和5年4月1日, Excel serial dates, and so on.
 *
 * The same table drives the exporters, so an export always re-imports with the same mapping.
 */

/** How a cell is read. */
export type ColumnType =
  | 'text'
  | 'enum'
  | 'enumList'
  | 'ipList'
  | 'macList'
  | 'int'
  | 'intList'
  | 'bool'
  | 'date'
  | 'list'
  | 'proximity'

/** A ledger field that a column can fill. `id` is the device id of an earlier export, used only for matching. */
export type ImportField = keyof Omit<DeviceFields, 'customFields'> | 'id'

export interface ColumnSpec {
  field: ImportField
  type: ColumnType
  /** Export header in Japanese (also accepted on import). */
  ja: string
  /** Export header in English (also accepted on import). */
  en: string
  /** Other headers accepted on import (matched after {@link normalizeHeader}). */
  aliases: readonly string[]
  /** Accepted values of an enum column: stable id → words people write for it. */
  values?: Readonly<Record<string, readonly string[]>>
}

const KIND_WORDS: Record<(typeof DEVICE_KINDS)[number], readonly string[]> = {
  medical_device: ['医療機器', '医療用機器', 'ME機器', '医用機器', 'medical device', 'medical'],
  server: ['サーバ', 'サーバー', 'server'],
  pc: ['PC', 'パソコン', '端末', '端末PC', 'クライアント', 'クライアントPC', 'computer', 'workstation pc'],
  network_device: ['ネットワーク機器', 'NW機器', 'ネットワーク', 'network device', 'network'],
  other: ['その他', 'other'],
}

const CATEGORY_WORDS: Record<(typeof DEVICE_CATEGORIES)[number], readonly string[]> = {
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

const CONNECTION_WORDS: Record<ConnectionType, readonly string[]> = {
  wired: ['有線', '有線LAN', 'LAN', 'イーサネット', 'ethernet', 'wired'],
  wifi: ['無線', '無線LAN', 'Wi-Fi', 'WiFi', 'WLAN', 'wireless'],
  bluetooth: ['Bluetooth', 'BT'],
  usb_media: ['USB', 'USBメモリ', '外部媒体', '媒体', '可搬媒体', 'USB/media', 'usb media'],
  remote_maintenance: ['リモート保守', 'リモートメンテナンス', '保守回線', '遠隔保守', 'remote maintenance', 'remote'],
  cellular: ['携帯回線', 'モバイル回線', 'LTE', '4G', '5G', 'cellular'],
}

const USAGE_WORDS: Record<(typeof USAGE_ENVIRONMENTS)[number], readonly string[]> = {
  in_hospital: ['院内', '病院内', 'in hospital'],
  outside_hospital: ['院外', '在宅', '在宅医療', 'outside hospital', 'home care', 'home'],
  with_patient: ['患者携帯', '患者と移動', '植込み', '植え込み', '体内', 'with patient', 'implant', 'wearable'],
}

const STATUS_WORDS: Record<(typeof DEVICE_STATUSES)[number], readonly string[]> = {
  in_use: ['使用中', '稼働中', '運用中', '使用', '稼働', 'in use', 'active'],
  in_storage: ['保管中', '保管', '予備', '在庫', '停止中', 'in storage', 'storage', 'spare'],
  decommissioned: ['廃棄', '廃棄済', '廃棄済み', '廃止', '除却', '除却済', 'decommissioned', 'disposed', 'retired'],
}

/**
 * Every importable column. Order = export column order. The first alias lists hold the spellings seen in
 * hospital ledgers (MHLW checklist ledgers, vendor lists); matching ignores case, width, spaces and punctuation.
 */
export const DEVICE_COLUMNS: readonly ColumnSpec[] = [
  { field: 'id', type: 'text', ja: '機器ID', en: 'Device ID', aliases: ['ID', 'device_id'] },
  {
    field: 'assetTag',
    type: 'text',
    ja: '資産番号',
    en: 'Asset Tag',
    aliases: ['管理番号', '資産管理番号', '機器管理番号', '備品番号', 'Asset No', 'Asset Number', 'Asset ID', 'Tag No'],
  },
  { field: 'siteId', type: 'text', ja: '施設', en: 'Site', aliases: ['施設ID', 'サイト', 'Site ID'] },
  {
    field: 'department',
    type: 'text',
    ja: '部署',
    en: 'Department',
    aliases: [
      '部門',
      '病棟',
      '診療科',
      '部署/病棟',
      '部署・病棟',
      '設置部署',
      '使用部署',
      '設置部門',
      '所属',
      'Ward',
      'Dept',
    ],
  },
  { field: 'location', type: 'text', ja: '設置場所', en: 'Location', aliases: ['場所', '所在', '所在地', 'Room'] },
  {
    field: 'kind',
    type: 'enum',
    ja: '種別',
    en: 'Kind',
    aliases: ['機器種別', 'Type', 'Device Type'],
    values: KIND_WORDS,
  },
  {
    field: 'category',
    type: 'enum',
    ja: 'カテゴリ',
    en: 'Category',
    aliases: ['カテゴリー', '分類', '機器分類'],
    values: CATEGORY_WORDS,
  },
  {
    field: 'name',
    type: 'text',
    ja: '機器名',
    en: 'Device Name',
    aliases: ['一般的名称', '品名', '機器名称', '機器の名称', '名称', '医療機器名', '装置名', 'Generic Name', 'Name'],
  },
  {
    field: 'manufacturer',
    type: 'text',
    ja: '製造販売業者',
    en: 'Manufacturer',
    aliases: [
      'メーカー',
      'メーカ',
      'メーカー名',
      '製造元',
      '製造業者',
      '製造業者名',
      '製造販売元',
      '製造販売業者名',
      'Vendor',
      'Maker',
    ],
  },
  {
    field: 'model',
    type: 'text',
    ja: '型式',
    en: 'Model',
    aliases: ['型番', 'モデル', 'モデル名', '機種', '機種名', '型式番号', '形式', 'Model Name', 'Model No'],
  },
  {
    field: 'serialNumber',
    type: 'text',
    ja: '製造番号',
    en: 'Serial Number',
    aliases: ['シリアル番号', '製番', 'シリアル', 'シリアルNo', 'S/N', 'SN', 'Serial', 'Serial No'],
  },
  {
    field: 'softwareVersion',
    type: 'text',
    ja: 'ソフトウェアバージョン',
    en: 'Software Version',
    aliases: [
      'ファームウェアバージョン',
      'ソフトウェア/ファームウェアバージョン',
      'ソフトバージョン',
      'Firmware Version',
      'Firmware',
      'SW Version',
    ],
  },
  { field: 'os', type: 'text', ja: 'OS', en: 'OS', aliases: ['オペレーティングシステム', 'Operating System'] },
  { field: 'osVersion', type: 'text', ja: 'OSバージョン', en: 'OS Version', aliases: [] },
  { field: 'ipAddresses', type: 'ipList', ja: 'IPアドレス', en: 'IP Addresses', aliases: ['IP', 'IP Address'] },
  { field: 'macAddresses', type: 'macList', ja: 'MACアドレス', en: 'MAC Addresses', aliases: ['MAC', 'MAC Address'] },
  {
    field: 'hostname',
    type: 'text',
    ja: 'ホスト名',
    en: 'Hostname',
    aliases: ['コンピュータ名', 'コンピューター名', 'Host Name', 'Host'],
  },
  {
    field: 'networkSegment',
    type: 'text',
    ja: 'セグメント',
    en: 'Network Segment',
    aliases: ['ネットワークセグメント', 'サブネット', 'Segment', 'Subnet'],
  },
  { field: 'vlan', type: 'int', ja: 'VLAN', en: 'VLAN', aliases: ['VLAN ID'] },
  {
    field: 'connectionTypes',
    type: 'enumList',
    ja: '接続方式',
    en: 'Connection Types',
    aliases: ['接続形態', '接続種別', 'Connection', 'Connectivity'],
    values: CONNECTION_WORDS,
  },
  {
    field: 'declaredPorts',
    type: 'intList',
    ja: '宣言ポート',
    en: 'Declared Ports',
    aliases: ['使用ポート', '申告ポート', 'ポート', 'ポート番号', 'Ports'],
  },
  {
    field: 'usageEnvironment',
    type: 'enum',
    ja: '使用環境',
    en: 'Usage Environment',
    aliases: ['利用環境', 'Environment'],
    values: USAGE_WORDS,
  },
  {
    field: 'patientProximity',
    type: 'proximity',
    ja: '患者との距離',
    en: 'Patient Proximity',
    aliases: ['患者近接度', '近接度', '患者との近さ', 'Proximity'],
  },
  {
    field: 'lifeCritical',
    type: 'bool',
    ja: '生命維持',
    en: 'Life-critical',
    aliases: ['生命維持装置', '生命維持管理装置', 'Life Support'],
  },
  {
    field: 'neverScan',
    type: 'bool',
    ja: 'スキャン禁止',
    en: 'Never Scan',
    aliases: ['スキャン対象外', 'Do Not Scan'],
  },
  { field: 'fragile', type: 'bool', ja: '高負荷注意', en: 'Fragile', aliases: ['通信負荷注意', '脆弱機器'] },
  {
    field: 'installedOn',
    type: 'date',
    ja: '導入日',
    en: 'Installed On',
    aliases: [
      '設置日',
      '購入日',
      '納入日',
      '導入年月日',
      '購入年月日',
      '設置年月日',
      '取得日',
      'Installation Date',
      'Install Date',
      'Purchase Date',
      'Installed',
    ],
  },
  {
    field: 'serviceLifeEnd',
    type: 'date',
    ja: '耐用期間終了',
    en: 'Service Life End',
    aliases: [
      '耐用期間終了日',
      '耐用年限',
      '耐用期限',
      '耐用期間',
      '耐用年数',
      '法定耐用年数',
      'Service Life',
      'End of Service Life',
      'End of Life',
      'EOL',
    ],
  },
  {
    field: 'supportEnd',
    type: 'date',
    ja: 'サポート終了',
    en: 'Support End',
    aliases: ['サポート終了日', '保守終了', '保守終了日', 'サポート期限', 'End of Support', 'EOS'],
  },
  {
    field: 'responsibleDepartment',
    type: 'text',
    ja: '管理部署',
    en: 'Responsible Department',
    aliases: ['責任部署', '担当部署', '管理部門'],
  },
  {
    field: 'responsiblePerson',
    type: 'text',
    ja: '責任者',
    en: 'Responsible Person',
    aliases: ['管理責任者', '担当者', 'Owner'],
  },
  {
    field: 'maintenanceContract',
    type: 'text',
    ja: '保守契約',
    en: 'Maintenance Contract',
    aliases: ['保守契約内容', '保守'],
  },
  {
    field: 'vendorContact',
    type: 'text',
    ja: '業者連絡先',
    en: 'Vendor Contact',
    aliases: ['保守業者連絡先', '連絡先', 'Vendor Contact Info'],
  },
  {
    field: 'status',
    type: 'enum',
    ja: '状態',
    en: 'Status',
    aliases: ['ステータス', '稼働状況', '使用状況'],
    values: STATUS_WORDS,
  },
  { field: 'tags', type: 'list', ja: 'タグ', en: 'Tags', aliases: ['Tag'] },
  { field: 'notes', type: 'text', ja: '備考', en: 'Notes', aliases: ['メモ', 'Note', 'Comments', 'Remarks'] },
]

/** Header prefixes that turn a column into a user-defined field (`custom:Budget` → customFields.Budget). */
export const CUSTOM_PREFIXES = ['custom:', 'カスタム:'] as const

/**
 * Folds a header or enum word for matching: NFKC (full-width → half-width), lower case, no bracketed notes such as
 * "(YYYY-MM-DD)" or "【必須】", no spaces or punctuation.
 */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【<{][^)\]】>}]*[)\]】>}]/g, '')
    .replace(/[\s_\-・*※.:/#'"?!、。]/g, '')
}

const HEADER_INDEX: ReadonlyMap<string, ColumnSpec> = (() => {
  const m = new Map<string, ColumnSpec>()
  for (const spec of DEVICE_COLUMNS) {
    for (const name of [spec.field, spec.ja, spec.en, ...spec.aliases]) {
      const key = normalizeHeader(name)
      const prior = m.get(key)
      if (prior && prior !== spec)
        throw new Error(`header alias "${name}" is ambiguous (${prior.field}, ${spec.field})`)
      m.set(key, spec)
    }
  }
  return m
})()

/** Headers of the reason column Mamori adds to a rejected-rows file (see services/import-devices.ts). */
const REASON_HEADERS: ReadonlySet<string> = new Set(
  ['取り込めない理由', 'Why it was not imported'].map(normalizeHeader),
)

/** Field id → its column, for a mapping a person chose. */
const FIELD_INDEX: ReadonlyMap<string, ColumnSpec> = new Map(DEVICE_COLUMNS.map((c) => [c.field, c]))

/** Field ids a column can be assigned to (the UI's mapping menu), in export order. */
export const IMPORT_FIELD_IDS: readonly string[] = DEVICE_COLUMNS.map((c) => c.field)

/** One column of the file and what it fills. */
export type MappedColumn =
  | { index: number; header: string; kind: 'field'; spec: ColumnSpec }
  | { index: number; header: string; kind: 'custom'; name: string }
  | { index: number; header: string; kind: 'ignored' }

export interface ColumnMapping {
  columns: MappedColumn[]
  /** Header as written → field id (`customFields.X` for custom columns), null when ignored. */
  mapping: Record<string, string | null>
  unknownColumns: string[]
  problems: ImportProblemDto[]
  /** True when the mapping cannot be used (duplicate columns, nothing recognised). */
  fatal: boolean
}

/** Spreadsheet column letter for a 0-based index (0 → A, 26 → AA), to point people at the right cell. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function customName(header: string): string | null {
  const folded = header.normalize('NFKC').trim()
  for (const p of CUSTOM_PREFIXES) {
    if (folded.toLowerCase().startsWith(p)) return folded.slice(p.length).trim()
  }
  return null
}

/**
 * Maps a header row to ledger fields. Unknown columns are reported as warnings and ignored; two columns for the
 * same field are an error (which one would win is a guess), as is a header with no recognisable column at all.
 */
export function mapColumns(
  header: readonly string[],
  /** A person's choice per header (as written): a field id, `customFields.<name>`, or null to ignore the column. */
  override: Readonly<Record<string, string | null>> = {},
): ColumnMapping {
  const columns: MappedColumn[] = []
  const mapping: Record<string, string | null> = {}
  const unknownColumns: string[] = []
  const problems: ImportProblemDto[] = []
  const seen = new Map<string, MappedColumn>()
  let fatal = false
  header.forEach((raw, index) => {
    const h = raw.trim()
    if (h === '') {
      columns.push({ index, header: h, kind: 'ignored' })
      return
    }
    const chosen = Object.hasOwn(override, h) ? override[h] : undefined
    if (chosen === null || chosen === '') {
      columns.push({ index, header: h, kind: 'ignored' })
      mapping[h] = null
      return
    }
    const custom = chosen?.startsWith('customFields.') ? chosen.slice('customFields.'.length).trim() : customName(h)
    let col: MappedColumn
    let key: string
    const chosenSpec = chosen === undefined || chosen.startsWith('customFields.') ? undefined : FIELD_INDEX.get(chosen)
    if (chosen !== undefined && !chosen.startsWith('customFields.') && !chosenSpec) {
      problems.push(
        problem(
          1,
          h,
          chosen,
          `Column ${columnLetter(index)} "${h}" was assigned to "${chosen}", which is not a ledger field.`,
          `${columnLetter(index)}列「${h}」の割り当て先「${chosen}」は台帳の項目ではありません。`,
        ),
      )
      fatal = true
      return
    }
    if (chosenSpec) {
      col = { index, header: h, kind: 'field', spec: chosenSpec }
      key = chosenSpec.field
    } else if (custom !== null) {
      if (custom === '') {
        problems.push(
          problem(
            1,
            h,
            h,
            `Column ${columnLetter(index)}: a custom column needs a name after the prefix, e.g. "custom:予算".`,
            `${columnLetter(index)}列: カスタム列は「custom:」や「カスタム:」の後に名前が必要です(例: "カスタム:予算")。`,
          ),
        )
        fatal = true
        return
      }
      col = { index, header: h, kind: 'custom', name: custom }
      key = `customFields.${custom}`
    } else {
      const spec = HEADER_INDEX.get(normalizeHeader(h))
      if (!spec && REASON_HEADERS.has(normalizeHeader(h))) {
        // The reason column of a downloaded rejected-rows file: expected, and not a ledger field.
        columns.push({ index, header: h, kind: 'ignored' })
        mapping[h] = null
        return
      }
      if (!spec) {
        columns.push({ index, header: h, kind: 'ignored' })
        unknownColumns.push(h)
        mapping[h] = null
        problems.push({
          row: 1,
          column: h,
          value: h,
          severity: 'warning',
          message: `Column ${columnLetter(index)} "${h}" is not a ledger field and is ignored. Rename it to a known header, or prefix it with "custom:" / "カスタム:" to keep it as a user-defined field.`,
          messageJa: `${columnLetter(index)}列「${h}」は台帳の項目に該当しないため、取り込みません。既知の列名に変えるか、独自の項目として残す場合は列名の先頭に「カスタム:」を付けてください。`,
        })
        return
      }
      col = { index, header: h, kind: 'field', spec }
      key = spec.field
    }
    const prior = seen.get(key)
    if (prior) {
      fatal = true
      problems.push(
        problem(
          1,
          h,
          h,
          `Columns ${columnLetter(prior.index)} "${prior.header}" and ${columnLetter(index)} "${h}" both set ${key}. Delete or rename one of them.`,
          `${columnLetter(prior.index)}列「${prior.header}」と${columnLetter(index)}列「${h}」が同じ項目(${fieldLabelJa(key)})を指しています。どちらかの列を削除するか、列名を変えてください。`,
        ),
      )
      return
    }
    seen.set(key, col)
    columns.push(col)
    mapping[h] = key
  })
  const recognised = columns.some((c) => c.kind !== 'ignored')
  if (!recognised) {
    fatal = true
    problems.push({
      row: 1,
      column: null,
      value: header.slice(0, 5).join(', ').slice(0, 200),
      severity: 'error',
      message:
        'No known column in the first row. The first row must be the header, e.g. 資産番号, 製造販売業者, 型式, IPアドレス (or Asset Tag, Manufacturer, Model, IP Addresses).',
      messageJa:
        '見出し行に台帳の列名が一つも見つかりません。1行目を「資産番号」「製造販売業者」「型式」「IPアドレス」などの列名にしてください。',
    })
  }
  return { columns, mapping, unknownColumns, problems, fatal }
}

function problem(
  row: number | null,
  column: string | null,
  value: string | null,
  message: string,
  messageJa: string,
): ImportProblemDto {
  return { row, column, value, message, messageJa, severity: 'error' }
}

const LABEL_JA: ReadonlyMap<string, string> = new Map(DEVICE_COLUMNS.map((c) => [c.field, c.ja]))

/**
 * The Japanese export header of a ledger field ('ipAddresses' → 'IPアドレス'), or for a custom field its name
 * (`customFields.予算` → 「予算」(カスタム列)); unknown ids are returned as they are.
 */
export function fieldLabelJa(field: string): string {
  if (field.startsWith('customFields.')) return `「${field.slice('customFields.'.length)}」(カスタム列)`
  return LABEL_JA.get(field) ?? field
}

// ---------------------------------------------------------------------------------------------------------------
// Cell readers. Each returns { ok: value } or { error, errorJa }: the same reason in English and in Japanese, written
// for a clinical engineer.

export type Read<T> = { ok: T } | { error: string; errorJa: string }

const fail = (error: string, errorJa: string): { error: string; errorJa: string } => ({ error, errorJa })

const enumIndexCache = new WeakMap<object, Map<string, string>>()
function enumIndex(values: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  let idx = enumIndexCache.get(values)
  if (!idx) {
    idx = new Map()
    for (const [id, words] of Object.entries(values)) {
      idx.set(normalizeHeader(id), id)
      for (const w of words) if (!idx.has(normalizeHeader(w))) idx.set(normalizeHeader(w), id)
    }
    enumIndexCache.set(values, idx)
  }
  return idx
}

function enumHint(values: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(values)
    .map(([id, words]) => (words[0] ? `${id} (${words[0]})` : id))
    .join(', ')
}

/** The Japanese word for each accepted value (医療機器、サーバ…), the way a Japanese ledger would write them. */
function enumHintJa(values: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(values)
    .map(([id, words]) => words[0] ?? id)
    .join('、')
}

/** Reads one enum value written as its id, its English label or a Japanese word (医療機器, 使用中…). */
export function readEnum(raw: string, values: Readonly<Record<string, readonly string[]>>): Read<string> {
  const id = enumIndex(values).get(normalizeHeader(raw))
  if (id !== undefined) return { ok: id }
  return fail(
    `"${raw}" is not one of the accepted values: ${enumHint(values)}.`,
    `"${raw}" は選べる値のどれにも当たりません。次のいずれかを入力してください: ${enumHintJa(values)}。`,
  )
}

/** Reads a list of enum values such as "有線; 無線LAN". */
export function readEnumList(raw: string, values: Readonly<Record<string, readonly string[]>>): Read<string[]> {
  const out: string[] = []
  for (const part of splitCell(raw)) {
    const r = readEnum(part, values)
    if ('error' in r) return r
    if (!out.includes(r.ok)) out.push(r.ok)
  }
  return { ok: out }
}

const TRUE_WORDS = new Set([
  'はい',
  'yes',
  'y',
  'true',
  't',
  '1',
  '○',
  '〇',
  '◯',
  '●',
  '✓',
  '✔',
  'あり',
  '有',
  '該当',
  'on',
])
const FALSE_WORDS = new Set([
  'いいえ',
  'no',
  'n',
  'false',
  'f',
  '0',
  '×',
  '✕',
  'x',
  'なし',
  '無',
  '非該当',
  'off',
  '-',
  '－',
  'ー',
])

/** Reads a yes/no cell: はい/いいえ, ○/×, あり/なし, yes/no, true/false, 1/0. */
export function readBool(raw: string): Read<boolean> {
  const s = raw.normalize('NFKC').trim().toLowerCase()
  if (TRUE_WORDS.has(s)) return { ok: true }
  if (FALSE_WORDS.has(s)) return { ok: false }
  return fail(
    `"${raw}" is not a yes/no value. Use はい/いいえ, ○/×, yes/no or true/false.`,
    `"${raw}" は「はい/いいえ」として読めません。はい/いいえ、○/×、あり/なし のいずれかで入力してください。`,
  )
}

/** Reads a whole number in [min, max] (full-width digits accepted). */
export function readInt(raw: string, min: number, max: number): Read<number> {
  const s = raw.normalize('NFKC').trim()
  if (!/^\d+$/.test(s)) return fail(`"${raw}" is not a whole number.`, `"${raw}" は整数ではありません。`)
  const n = Number(s)
  if (n < min || n > max) {
    return fail(`${n} is out of range (${min}–${max}).`, `${n} は範囲外です(${min}〜${max} の整数を入力してください)。`)
  }
  return { ok: n }
}

/** Reads the CSA proximity level 0–4, written as "2", "レベル2", "Level 2" or "L2". */
export function readProximity(raw: string): Read<number> {
  const s = raw.normalize('NFKC').trim().toLowerCase()
  const m = /^(?:レベル|level|lv\.?|l)?\s*([0-9])$/.exec(s)
  if (!m) {
    return fail(
      `"${raw}" is not a proximity level. Use 0 (implanted) to 4 (no patient contact).`,
      `"${raw}" は患者との距離のレベルとして読めません。0(体内植込み)〜4(患者に接触しない)の数字で入力してください。`,
    )
  }
  const n = Number(m[1])
  if (n > 4) {
    return fail(
      `${n} is out of range: proximity levels are 0 (implanted) to 4 (no patient contact).`,
      `${n} は範囲外です。患者との距離のレベルは 0(体内植込み)〜4(患者に接触しない)です。`,
    )
  }
  return { ok: n }
}

/** Splits a list cell on ; , 、 | whitespace and newlines. */
export function splitCell(raw: string): string[] {
  return raw
    .split(/[;,、，；|\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** Splits a tag cell on ; , 、 | and newlines (tags may contain spaces). */
export function splitTags(raw: string): string[] {
  const out: string[] = []
  for (const t of raw.split(/[;,、，；|\n]+/)) {
    const s = t.trim()
    if (s.length > 0 && !out.includes(s)) out.push(s)
  }
  return out
}

/** Start year (year 1) of each Japanese era used in ledgers; `元` means year 1. */
const ERAS: Record<string, number> = {
  令和: 2019,
  r: 2019,
  平成: 1989,
  h: 1989,
  昭和: 1926,
  s: 1926,
  大正: 1912,
  t: 1912,
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** True when y-m-d is a real calendar date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

function ymd(y: number, m: number, d: number, raw: string): Read<string> {
  if (y < 1900 || y > 2200) {
    return fail(
      `"${raw}": year ${y} is out of range (1900–2200).`,
      `"${raw}" の年(西暦${y}年)が範囲外です。1900年〜2200年の日付を入力してください。`,
    )
  }
  if (!isRealDate(y, m, d)) {
    return fail(
      `"${raw}" is not a real calendar date (${y}-${pad(m)}-${pad(d)}).`,
      raw.trim() === `${y}-${pad(m)}-${pad(d)}`
        ? `${raw.trim()} は存在しない日付です。`
        : `"${raw}"(${y}-${pad(m)}-${pad(d)})は存在しない日付です。`,
    )
  }
  return { ok: `${pad(y, 4)}-${pad(m)}-${pad(d)}` }
}

/** Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for (ECMA-376 Part 1, §18.17.4.1). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

/** Converts an Excel serial day number (e.g. 43556) to YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string {
  const dt = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000)
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`
}

/**
 * Reads a date written as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, 2019年4月1日, a Japanese era date
 * (令和5年4月1日, 令和元年5月1日, 平成31年4月30日, R5.4.1, H31/4/30) or an Excel serial number (43556), and returns
 * YYYY-MM-DD. A time part after the date (from Excel date-times) is ignored.
 */
export function readDate(raw: string): Read<string> {
  const s = raw.normalize('NFKC').trim().replace(/\s+/g, ' ')
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw)
  m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw)
  m = /^(令和|平成|昭和|大正)\s*(元|\d{1,2})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(s)
  if (!m) m = /^([RHSTrhst])\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s)
  if (m) {
    const base = ERAS[m[1]!.toLowerCase()] ?? ERAS[m[1]!]!
    const n = m[2] === '元' ? 1 : Number(m[2])
    if (n < 1) {
      return fail(
        `"${raw}": era year must be 1 (元) or more.`,
        `"${raw}" の和暦の年が正しくありません。元年(1年)以降で入力してください。`,
      )
    }
    return ymd(base + n - 1, Number(m[3]), Number(m[4]), raw)
  }
  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = Number(s)
    // 10000 = 1927-05-18; smaller numbers are far more likely years or typos than serial dates.
    if (serial >= 10_000 && serial <= 2_958_465) return { ok: excelSerialToDate(serial) }
  }
  return fail(
    `"${raw}" is not a date. Use YYYY-MM-DD (2023-04-01), YYYY/MM/DD, 2023年4月1日 or 令和5年4月1日.`,
    `"${raw}" は日付として読めません。2023-04-01、2023/04/01、2023年4月1日、令和5年4月1日 のように入力してください。`,
  )
}

/** Reads a service-life cell that may hold a number of years (耐用年限 "6" or "6年") instead of an end date. */
export function readLifeYears(raw: string): number | null {
  const m = /^(\d{1,2})\s*年?$/.exec(raw.normalize('NFKC').trim())
  return m ? Number(m[1]) : null
}

/** Adds whole years to YYYY-MM-DD (Feb 29 → Feb 28 in a common year). */
export function addYears(date: string, years: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const ny = y + years
  const day = isRealDate(ny, mo, d) ? d : d - 1
  return `${pad(ny, 4)}-${pad(mo)}-${pad(day)}`
}

/** How many cells of a row are known headers (or custom columns). */
export function countKnownHeaders(cells: readonly string[]): number {
  let n = 0
  for (const c of cells) if (c.trim() !== '' && (HEADER_INDEX.has(normalizeHeader(c)) || customName(c) !== null)) n++
  return n
}

/**
 * Finds the header among the first rows: ledgers often carry a title ("医療機器台帳 2024年度") or a note above it.
 * Picks the first of the first `scan` rows with at least two known headers, else the one with the most, else row 0.
 */
export function locateHeader(rows: readonly { cells: readonly string[] }[], scan = 10): number {
  let best = 0
  let bestCount = 0
  for (let i = 0; i < Math.min(scan, rows.length); i++) {
    const n = countKnownHeaders(rows[i]!.cells)
    if (n >= 2) return i
    if (n > bestCount) {
      best = i
      bestCount = n
    }
  }
  return best
}
