import type { ClinicalService, ClinicalServiceInput, DependencyInput, OutsideParty } from '../../api/bcp.js'
import type { Actor } from '../core/actor.js'
import type { Services } from '../services/index.js'

/** What a person set on each seeded service of みなと総合病院 (fictional names and numbers). */
const SETTINGS: Record<
  string,
  Partial<ClinicalServiceInput> & { parties?: { key: string; strength: 'hard' | 'soft' }[] }
> = {
  'seed:icu-monitoring': {
    maxDowntimeMinutes: 0,
    owner: '臨床工学部 主任 港 直樹',
    decider: 'ICU 当直医長',
    parties: [{ key: 'monitor', strength: 'soft' }],
  },
  'seed:infusion': { maxDowntimeMinutes: 30, owner: '臨床工学部 技士長 浜田 学', decider: '各病棟 看護師長' },
  'seed:imaging': {
    maxDowntimeMinutes: 120,
    owner: '放射線部 技師長 岬 浩二',
    decider: '放射線科 当番医',
    parties: [{ key: 'pacs', strength: 'soft' }],
  },
  'seed:lab-results': { maxDowntimeMinutes: 60, owner: '臨床検査部 技師長 汐見 和子', decider: '検査部長' },
  'seed:ehr': {
    maxDowntimeMinutes: 240,
    owner: '医療情報部 部長 青山 里美',
    decider: '病院長（夜間は当直管理医師）',
    parties: [
      { key: 'cloud', strength: 'soft' },
      { key: 'carrier', strength: 'soft' },
    ],
  },
  'seed:dialysis': { maxDowntimeMinutes: 15, owner: '臨床工学部 透析担当 灘 由美', decider: '透析室 担当医' },
  'seed:ventilation': { maxDowntimeMinutes: 0, owner: '臨床工学部 技士長 浜田 学', decider: 'ICU 当直医長' },
  // Left without an owner on purpose: the warning shows a newcomer what a gap looks like.
  'seed:surgery': { maxDowntimeMinutes: 15, owner: null, decider: '手術部長（夜間は麻酔科当番医）' },
}

const PARTIES = {
  monitor: {
    name: '東雲メディカル 生体情報モニタ 24時間サポート',
    kind: 'vendor',
    contact24h: '0120-000-301',
    email: 'support@shinonome-med.example',
    notes: 'セントラルモニタの遠隔保守回線あり（要時接続）',
  },
  pacs: {
    name: '潮騒イメージング PACS 遠隔保守回線',
    kind: 'vendor',
    contact24h: '0120-000-302',
    email: 'pacs-support@shiosai-img.example',
    notes: 'VPN による遠隔保守。接続は依頼時のみ、ログを保管。',
  },
  cloud: {
    name: '電子カルテ クラウドバックアップ（みなとデータセンター）',
    kind: 'cloud',
    contact24h: '03-0000-4401',
    email: 'backup@minato-dc.example',
    notes: '日次バックアップ、世代管理 14 日',
  },
  carrier: {
    name: '地域閉域網キャリア（港湾通信）',
    kind: 'carrier',
    contact24h: '0120-000-303',
    email: '',
    notes: '地域医療連携・クラウドバックアップ用の回線',
  },
} as const

const input = (s: ClinicalService): ClinicalServiceInput => ({
  name: s.name,
  nameEn: s.nameEn,
  description: s.description,
  department: s.department,
  criticality: s.criticality,
  owner: s.owner,
  decider: s.decider,
  maxDowntimeMinutes: s.maxDowntimeMinutes,
  fallbackJa: s.fallbackJa,
  fallbackEn: s.fallbackEn,
  dependencies: s.dependencies.map((d) => ({ target: d.target, strength: d.strength, note: d.note })),
  seedKey: s.seedKey,
  version: s.version,
})

/**
 * The demo hospital's clinical services with their dependencies, outside parties and device plans (issue 11), through
 * the module's own services so that every row is what a person could have entered: the seed from the ledger, then
 * tolerable downtimes, owners and deciders (one service left without an owner), four outside parties, and device
 * plans for the central monitors, the PACS servers and a CT. `reset` first removes what the module holds. Returns a
 * line for the CLI's summary, or null when nothing was loaded.
 */
export async function seedDemoBcp(s: Services, actor: Actor, opts: { reset: boolean }): Promise<string | null> {
  const bcp = s.bcp
  if (opts.reset) await bcp.clear(actor)
  else if ((await bcp.services()).items.length > 0) return null
  await bcp.seed(true, actor)
  const parties = new Map<string, OutsideParty>()
  for (const [key, p] of Object.entries(PARTIES)) parties.set(key, await bcp.createParty(p, actor))
  for (const svc of (await bcp.services()).items) {
    const set = svc.seedKey ? SETTINGS[svc.seedKey] : undefined
    if (!set) continue
    const { parties: links, ...fields } = set
    const extra: DependencyInput[] = (links ?? []).map((l) => ({
      target: { kind: 'party', id: (parties.get(l.key) as OutsideParty).id },
      strength: l.strength,
      note: '',
    }))
    const base = input(svc)
    await bcp.updateService(
      svc.id,
      { ...base, ...fields, dependencies: [...(base.dependencies ?? []), ...extra] },
      actor,
    )
  }
  // Device plans: the central monitors, the PACS servers and a CT, with what each depends on.
  const { rows } = await bcp.current()
  const devices = rows.devices.filter((d) => d.status !== 'decommissioned')
  const monitorVendor = (parties.get('monitor') as OutsideParty).id
  const pacsVendor = (parties.get('pacs') as OutsideParty).id
  const centrals = devices.filter((d) => d.category === 'central_monitor')
  const pacs = devices.filter((d) => d.category === 'pacs')
  const ct = devices.find((d) => d.category === 'ct')
  let plans = 0
  for (const c of centrals) {
    await bcp.putDevicePlan(
      c.id,
      {
        isolationJa:
          'セントラルモニタの LAN ケーブルを抜く。電源は切らない。ベッドサイドモニタは単体でアラームを出し続けるので、看護師をベッドサイドに配置する。',
        isolationEn:
          'Unplug the central station from the network. Do not switch it off. The bedside monitors keep alarming on their own: put nurses at the bedside.',
        recoveryStepsJa: [
          '東雲メディカルの 24 時間窓口に連絡し、復旧手順を確認する',
          'ベッドサイドモニタを一台ずつ再アソシエーションし、ベッド番号と患者名を確かめる',
          '時刻を NTP サーバと照合する',
          'アラーム設定をバックアップから戻す',
        ],
        recoveryStepsEn: [
          "Call Shinonome Medical's 24 h line and confirm the recovery steps",
          'Re-associate the bedside monitors one by one and check bed numbers and patient names',
          'Check the clock against the NTP server',
          'Restore the alarm settings from the backup',
        ],
        validationJa: [
          '各ベッドで電極外れアラームがセントラルで鳴ることを確かめる',
          'シミュレータの心拍数 60 が表示されることを確かめる',
        ],
        validationEn: [
          'At each bed, confirm a lead-off alarm sounds at the central station',
          'Confirm a simulated heart rate of 60 is displayed',
        ],
        manufacturerContact24h: '東雲メディカル 0120-000-301',
        backupNote: 'アラーム設定は ME 管理室の共有フォルダ（月次）',
        dependsOn: [{ target: { kind: 'party', id: monitorVendor }, strength: 'soft', note: '遠隔保守（要時接続）' }],
      },
      actor,
    )
    plans++
  }
  for (const p of pacs) {
    await bcp.putDevicePlan(
      p.id,
      {
        isolationJa:
          'スイッチのポートを止めてネットワークから切り離す。電源は切らない（調査のため）。モダリティは画像を装置内に保存し続ける。',
        isolationEn:
          'Disable its switch port to take it off the network. Do not power it off (kept for investigation). The modalities keep images on the device.',
        recoveryStepsJa: [
          '潮騒イメージングに連絡し、遠隔保守回線を使わずに来院対応を依頼する',
          '感染していないバックアップを選び、クリーンな環境に復元する',
          '時刻を NTP と照合する',
          'モダリティを一台ずつ再接続し、保留中の画像を送る',
        ],
        recoveryStepsEn: [
          'Call Shiosai Imaging and ask for an on-site visit instead of the remote link',
          'Choose a clean backup and restore it on a clean system',
          'Check the clock against NTP',
          'Reconnect the modalities one at a time and send the held images',
        ],
        validationJa: ['テスト患者の過去画像を表示できることを確かめる', 'CT からテスト画像を送り、届くことを確かめる'],
        validationEn: [
          "Confirm a test patient's earlier images display",
          'Send a test image from the CT and confirm it arrives',
        ],
        manufacturerContact24h: '潮騒イメージング 0120-000-302',
        backupNote: '日次でバックアップサーバへ、週次でテープ（本館 B1F 金庫）',
        dependsOn: [{ target: { kind: 'party', id: pacsVendor }, strength: 'soft', note: '遠隔保守回線' }],
      },
      actor,
    )
    plans++
  }
  if (ct) {
    await bcp.putDevicePlan(
      ct.id,
      {
        isolationJa: 'LAN ケーブルを抜く。電源は切らない。撮影中の検査は終えてから切り離し、画像は装置内に保存する。',
        isolationEn:
          'Unplug the network cable. Do not switch the power off. Finish the running exam first; images stay on the device.',
        recoveryStepsJa: [
          '設定（AE タイトル・送信先）をバックアップと照合する',
          '時刻を NTP と照合する',
          '保留中の画像を PACS へ送る',
        ],
        recoveryStepsEn: [
          'Compare the settings (AE title, destinations) with the backup',
          'Check the clock against NTP',
          'Send the held images to PACS',
        ],
        validationJa: ['ファントムを撮影し、画質と CTDI 表示を確かめる', 'PACS に画像が届くことを確かめる'],
        validationEn: [
          'Scan the phantom and check image quality and CTDI display',
          'Confirm the images arrive in PACS',
        ],
        manufacturerContact24h: '',
        backupNote: '',
        dependsOn: [
          ...pacs.map((p) => ({
            target: { kind: 'device' as const, id: p.id },
            strength: 'hard' as const,
            note: '画像の保存先',
          })),
          { target: { kind: 'party', id: pacsVendor }, strength: 'soft', note: '' },
        ],
      },
      actor,
    )
    plans++
  }
  const n = (await bcp.services()).items.length
  return `continuity: ${n} clinical services, ${parties.size} outside parties, ${plans} device plans`
}
