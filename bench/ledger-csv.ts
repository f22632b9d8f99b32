import { spawnSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { DeviceFields } from '../api/device.js'
import { syntheticDevices } from '../src/demo/hospital.js'

/**
 * Writes a device ledger as a hospital would keep it in Excel and save as CSV: Japanese headers in the spellings
 * hospitals use (管理番号, メーカー, 型番…), Japanese words for kinds and states, yes/no as はい/いいえ, dates as
 * YYYY/MM/DD, UTF-8 with a BOM. Rows come from the demo hospital's vocabulary (`syntheticDevices`), so every row
 * is valid and unique: an import creates exactly `count` devices. Not a benchmark itself (no `run` export).
 */

const KIND_JA: Record<DeviceFields['kind'], string> = {
  medical_device: '医療機器',
  server: 'サーバ',
  pc: '端末',
  network_device: 'ネットワーク機器',
  other: 'その他',
}

const CATEGORY_JA: Record<DeviceFields['category'], string> = {
  patient_monitor: 'ベッドサイドモニタ',
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
  nuclear_medicine: '核医学装置',
  radiotherapy: '放射線治療装置',
  endoscope: '内視鏡',
  lab_analyzer: '検体検査装置',
  pacs: 'PACS',
  modality_workstation: '画像ワークステーション',
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

const CONNECTION_JA: Record<DeviceFields['connectionTypes'][number], string> = {
  wired: '有線LAN',
  wifi: '無線LAN',
  bluetooth: 'Bluetooth',
  usb_media: 'USB',
  remote_maintenance: 'リモート保守',
  cellular: 'モバイル回線',
}

const USAGE_JA: Record<DeviceFields['usageEnvironment'], string> = {
  in_hospital: '院内',
  outside_hospital: '在宅',
  with_patient: '患者携帯',
}

const STATUS_JA: Record<DeviceFields['status'], string> = {
  in_use: '使用中',
  in_storage: '保管中',
  decommissioned: '廃棄',
  acceptance: '導入時確認中',
}

const yesNo = (b: boolean) => (b ? 'はい' : 'いいえ')
const slashDate = (d: string | null) => (d ? d.replaceAll('-', '/') : '')

/** Header → cell. Headers are the aliases a hospital ledger uses, not Mamori's export names. */
const COLUMNS: readonly [string, (d: DeviceFields) => string][] = [
  ['管理番号', (d) => d.assetTag ?? ''],
  ['部署', (d) => d.department ?? ''],
  ['設置場所', (d) => d.location ?? ''],
  ['種別', (d) => KIND_JA[d.kind]],
  ['分類', (d) => CATEGORY_JA[d.category]],
  ['メーカー', (d) => d.manufacturer ?? ''],
  ['型番', (d) => d.model ?? ''],
  ['製造番号', (d) => d.serialNumber ?? ''],
  ['ソフトウェアバージョン', (d) => d.softwareVersion ?? ''],
  ['OS', (d) => d.os ?? ''],
  ['OSバージョン', (d) => d.osVersion ?? ''],
  ['IPアドレス', (d) => d.ipAddresses.join('; ')],
  ['MACアドレス', (d) => d.macAddresses.map((m) => m.toUpperCase()).join('; ')],
  ['ホスト名', (d) => d.hostname ?? ''],
  ['セグメント', (d) => d.networkSegment ?? ''],
  ['VLAN', (d) => (d.vlan === null ? '' : String(d.vlan))],
  ['接続方式', (d) => d.connectionTypes.map((c) => CONNECTION_JA[c]).join('、')],
  ['使用ポート', (d) => d.declaredPorts.join(', ')],
  ['使用環境', (d) => USAGE_JA[d.usageEnvironment]],
  ['患者との距離', (d) => (d.patientProximity === null ? '' : `レベル${d.patientProximity}`)],
  ['生命維持', (d) => yesNo(d.lifeCritical)],
  ['スキャン禁止', (d) => yesNo(d.neverScan)],
  ['高負荷注意', (d) => yesNo(d.fragile)],
  ['導入日', (d) => slashDate(d.installedOn)],
  ['耐用期間終了', (d) => slashDate(d.serviceLifeEnd)],
  ['サポート終了', (d) => slashDate(d.supportEnd)],
  ['管理部署', (d) => d.responsibleDepartment ?? ''],
  ['責任者', (d) => d.responsiblePerson ?? ''],
  ['保守契約', (d) => d.maintenanceContract ?? ''],
  ['業者連絡先', (d) => d.vendorContact ?? ''],
  ['状態', (d) => STATUS_JA[d.status]],
  ['タグ', (d) => d.tags.join('; ')],
  ['備考', (d) => d.notes ?? ''],
  ['カスタム:点検周期', (d) => d.customFields.点検周期 ?? ''],
]

/** RFC 4180 quoting: only cells with a comma, quote or line break are quoted. */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v
}

export const LEDGER_CSV_HEADER = COLUMNS.map(([h]) => h)

export function csvLine(d: DeviceFields): string {
  return `${COLUMNS.map(([, get]) => cell(get(d))).join(',')}\r\n`
}

/** Streams `count` synthetic devices to `file` as a Japanese-header CSV; returns the byte size. */
export async function writeLedgerCsv(file: string, count: number, seed = 1): Promise<number> {
  const out = createWriteStream(file)
  let failure: Error | null = null
  out.on('error', (err) => {
    failure = err
  })
  let bytes = 0
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure)
      bytes += Buffer.byteLength(s)
      if (out.write(s)) resolve()
      else out.once('drain', resolve)
    })
  await write(`\uFEFF${LEDGER_CSV_HEADER.map(cell).join(',')}\r\n`)
  let chunk = ''
  let n = 0
  for (const d of syntheticDevices(count, seed)) {
    chunk += csvLine(d)
    if (++n % 1000 === 0) {
      await write(chunk)
      chunk = ''
    }
  }
  if (chunk) await write(chunk)
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
  return bytes
}

const SELF = fileURLToPath(import.meta.url)

/**
 * Writes the CSV from a separate process, so the memory the generator uses does not count in the peak RSS of the
 * benchmark that imports it. Returns the byte size.
 */
export function writeLedgerCsvInChild(file: string, count: number, seed = 1): number {
  const r = spawnSync(process.execPath, [...process.execArgv, SELF, file, String(count), String(seed)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`writing ${file} failed (exit ${r.status})`)
  return Number(r.stdout.trim())
}

if (process.argv[1] === SELF) {
  const [file, count, seed] = process.argv.slice(2)
  if (!file) throw new Error('usage: ledger-csv.ts FILE [COUNT] [SEED]')
  process.stdout.write(`${await writeLedgerCsv(file, Number(count ?? 100_000), Number(seed ?? 1))}\n`)
}
