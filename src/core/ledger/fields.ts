import type { DeviceFields } from './device.js'
import { CATEGORY_WORDS, CONNECTION_WORDS, KIND_WORDS, STATUS_WORDS, USAGE_WORDS } from './vocabulary.js'

/**
 * The ledger's one field table: for each field a column can fill, its Japanese and English label (the export
 * header, also accepted on import), the other headers hospitals write for it, and how a cell is read. The importer
 * maps headers with it, the exporters write it, the API's mapping menu lists it and the web's `fields.*` labels are
 * generated from it (web/src/i18n/catalog.ts), so the screen, the files and the import's problems use the same
 * words, and a ledger exported in either language re-imports with the same mapping.
 *
 * One term per field: where the web and the ledger files used to disagree (管理番号 / 資産番号, メーカー /
 * 製造販売業者) the label below is the term, and the others are aliases so existing ledgers still import
 * (docs/decisions/0015-ledger-domain-in-core.md). This file imports nothing but other pure core files.
 */

/** How a cell is read (see `readCell` in `./cells.ts`). */
export type FieldType =
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
export type LedgerFieldKey = keyof Omit<DeviceFields, 'customFields'> | 'id'

/** One row of the field table. */
export interface LedgerField {
  field: LedgerFieldKey
  type: FieldType
  /** Label and export header in Japanese (also accepted on import). */
  ja: string
  /** Label and export header in English (also accepted on import). */
  en: string
  /** Other headers accepted on import (matched after `normalizeWord`). */
  aliases: readonly string[]
  /**
   * A short clarification the UI adds after the term (機器名 → 「機器名（一般的名称）」), never a second term: exports
   * and import problems use the bare label. See {@link fieldUiLabel}.
   */
  hint?: { ja: string; en: string }
  /** Accepted values of an enum field: stable id → words people write for it (./vocabulary.ts). */
  values?: Readonly<Record<string, readonly string[]>>
}

/**
 * Every ledger field a column can fill. Order = export column order. The alias lists hold the spellings seen in
 * hospital ledgers (MHLW checklist ledgers, vendor lists) and the web form's longer labels.
 */
export const LEDGER_FIELDS: readonly LedgerField[] = [
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
      'Department / ward',
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
    // 分類: the word the UI, its dashboard and the import's problems already use (a plain word, not a loanword).
    ja: '分類',
    en: 'Category',
    aliases: ['カテゴリ', 'カテゴリー', '機器分類'],
    values: CATEGORY_WORDS,
  },
  {
    field: 'name',
    type: 'text',
    ja: '機器名',
    en: 'Device Name',
    hint: { ja: '一般的名称', en: 'generic' },
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
      'ソフトウェア／ファームウェア版数',
      'Software / firmware version',
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
    // 使用ポート: what clinical engineers write and what the undeclared-open-port finding tells them to fill in.
    ja: '使用ポート',
    en: 'Declared Ports',
    aliases: ['宣言ポート', '申告ポート', 'ポート', 'ポート番号', 'Ports', 'メーカー申告ポート'],
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
    aliases: ['患者近接度', '近接度', '患者との近さ', 'Proximity', '患者との近接度', 'Proximity to patient'],
  },
  {
    field: 'lifeCritical',
    type: 'bool',
    ja: '生命維持',
    en: 'Life-critical',
    aliases: ['生命維持装置', '生命維持管理装置', 'Life Support', '生命維持関連'],
  },
  {
    field: 'neverScan',
    type: 'bool',
    ja: 'スキャン禁止',
    en: 'Never Scan',
    aliases: ['スキャン対象外', 'Do Not Scan'],
  },
  {
    field: 'fragile',
    type: 'bool',
    ja: '高負荷注意',
    en: 'Fragile',
    aliases: ['通信負荷注意', '脆弱機器', '高負荷に弱い', 'Fragile under traffic'],
  },
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
      'Service life ends',
    ],
  },
  {
    field: 'supportEnd',
    type: 'date',
    ja: 'サポート終了',
    en: 'Support End',
    aliases: ['サポート終了日', '保守終了', '保守終了日', 'サポート期限', 'End of Support', 'EOS', 'Support ends'],
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
    aliases: ['管理責任者', '担当者', 'Owner', '管理担当者'],
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
    aliases: ['保守業者連絡先', '連絡先', 'Vendor Contact Info', 'ベンダー連絡先'],
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

/** Field key → its row of the table. */
export const FIELD_BY_KEY: ReadonlyMap<string, LedgerField> = new Map(LEDGER_FIELDS.map((c) => [c.field, c]))

/** Field keys a column can be assigned to (the UI's mapping menu), in export order. */
export const IMPORT_FIELD_IDS: readonly LedgerFieldKey[] = LEDGER_FIELDS.map((c) => c.field)

/**
 * The label of a field in one language ('ipAddresses' → 'IPアドレス' / 'IP Addresses'); a custom field is named
 * after its key (`customFields.予算` → 「予算」(カスタム列) / "予算" (custom column)); unknown keys come back as they are.
 */
export function fieldLabel(field: string, lang: 'ja' | 'en'): string {
  if (field.startsWith('customFields.')) {
    const name = field.slice('customFields.'.length)
    return lang === 'ja' ? `「${name}」(カスタム列)` : `"${name}" (custom column)`
  }
  const spec = FIELD_BY_KEY.get(field)
  return spec ? spec[lang] : field
}

/**
 * The label the UI shows for a field: the term plus its {@link LedgerField.hint} if it has one
 * ('name' → 「機器名（一般的名称）」 / "Device Name (generic)"); otherwise the same as {@link fieldLabel}.
 */
export function fieldUiLabel(field: string, lang: 'ja' | 'en'): string {
  const hint = FIELD_BY_KEY.get(field)?.hint
  const label = fieldLabel(field, lang)
  if (!hint) return label
  return lang === 'ja' ? `${label}（${hint.ja}）` : `${label} (${hint.en})`
}

/** What the UI calls the group of a device's custom columns (カスタム項目 / Custom fields). */
export const CUSTOM_FIELDS_LABEL = { ja: 'カスタム項目', en: 'Custom fields' } as const

/** The Japanese label of a field ({@link fieldLabel} in Japanese), as import problems name it. */
export function fieldLabelJa(field: string): string {
  return fieldLabel(field, 'ja')
}
