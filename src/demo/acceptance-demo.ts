import type { DeviceFields } from '../../api/device.js'
import type { Actor } from '../core/actor.js'
import type { Device } from '../core/ledger/device.js'
import type { Services } from '../services/index.js'

const NEW_TAG = 'ME-ICU-NEW-01'
const EARLIER_TAG = 'ME-ICU-NEW-02'

function copyOf(d: Device, over: Partial<DeviceFields>): DeviceFields {
  const { id: _i, version: _v, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, ...fields } = d
  return { ...fields, serialNumber: null, macAddresses: [], neverScan: false, ...over } as DeviceFields
}

/**
 * The demo hospital's acceptance tests and a decommissioning (issue 11, ADR 0040), through the module's own services
 * so that every row is what a person could have entered: a new ICU patient monitor being accepted (checks partly
 * done, an undeclared port raised with the manufacturer who answered 「仕様です」), one accepted earlier, and the
 * old monitor in the disposal store (廃棄待ち保管庫) half-way through its decommissioning checklist. `reset` first
 * removes what the module holds (the ledger was replaced). Returns a line for the CLI's summary, or null.
 */
export async function seedDemoAcceptance(s: Services, actor: Actor, opts: { reset: boolean }): Promise<string | null> {
  if (opts.reset) await s.acceptance.clearAll()
  if ((await s.acceptance.list()).items.length > 0) return null
  const monitors = (await s.devices.list({ q: 'モニタ', department: undefined, limit: 200 })).items
  const model =
    monitors.find((d) => d.status === 'in_use' && d.department?.includes('ICU')) ??
    monitors.find((d) => d.status === 'in_use')
  if (!model) return null
  const existing = (await s.devices.list({ q: NEW_TAG, limit: 5 })).items.find((d) => d.assetTag === NEW_TAG)
  const fresh =
    existing ??
    (await s.devices.create(
      copyOf(model, {
        assetTag: NEW_TAG,
        location: `${model.location ?? 'ICU'}（新規納入）`,
        ipAddresses: ['10.99.0.21'],
        status: 'in_storage',
        installedOn: null,
        notes: '新規納入。導入時確認中（隔離セグメント 10.99.0.0/24 に接続）',
      }),
      actor,
    ))
  const earlier =
    (await s.devices.list({ q: EARLIER_TAG, limit: 5 })).items.find((d) => d.assetTag === EARLIER_TAG) ??
    (await s.devices.create(
      copyOf(model, { assetTag: EARLIER_TAG, ipAddresses: [], status: 'in_storage', notes: '2026年秋に導入' }),
      actor,
    ))

  // As a person would: both new monitors confirmed as their catalog model, so the test compares with its MDS2.
  for (const d of [fresh, earlier]) {
    if (!d.manufacturer || !d.model || (await s.catalog.modelOfDevice(d.id))) continue
    const m = await s.catalog.resolveOrCreate(actor, { manufacturer: d.manufacturer, model: d.model })
    await s.catalog.link(actor, d.id, m.id) // a person's link is confirmed as made
  }

  // Accepted earlier: every check done, the report signed off.
  let done = await s.acceptance.start({ device: earlier.id, scopeId: null }, actor)
  for (const c of done.checks)
    done = await s.acceptance.check(
      done.id,
      c.id,
      {
        result: c.id === 'malware_protection' ? 'not_applicable' : 'pass',
        note: c.id === 'malware_protection' ? '組込み OS のためホワイトリスト方式（メーカー回答書）' : '',
      },
      actor,
    )
  await s.acceptance.signOff(
    done.id,
    {
      note: '納入業者立会いで確認',
      acceptOpen: true,
      reason: 'スキャンは納入前の試験成績書で代替（隔離セグメント未整備のため）',
    },
    actor,
  )

  // In progress: some checks done, an issue answered 「仕様です」.
  let a = await s.acceptance.start({ device: fresh.id, scopeId: null }, actor)
  a = await s.acceptance.check(
    a.id,
    'default_passwords_changed',
    { result: 'pass', note: '保守用パスワードを変更（立会い: 納入業者）' },
    actor,
  )
  a = await s.acceptance.check(a.id, 'time_source', { result: 'pass', note: '院内 NTP と同期' }, actor)
  a = await s.acceptance.check(a.id, 'labelling', { result: 'pass', note: '' }, actor)
  a = await s.acceptance.check(
    a.id,
    'remote_maintenance',
    { result: 'fail', note: '常時接続の VPN が設定されていた' },
    actor,
  )
  a = await s.acceptance.raiseIssue(
    a.id,
    { title: 'TCP 23 (Telnet) が開いている', detail: '開示資料 (MDS2) に記載のないポート', raisedOn: null },
    actor,
  )
  const issue = a.issues[0]!
  await s.acceptance.replyIssue(
    a.id,
    issue.id,
    {
      manufacturerReply: '保守用の機能であり仕様です。次期バージョンで無効化を検討します。',
      resolution: 'spec',
      decision: '',
    },
    actor,
  )

  // Decommissioning in progress: the old monitor waiting for disposal.
  const disposal = (await s.devices.list({ status: 'decommissioned', limit: 200 })).items.find((d) =>
    d.location?.includes('廃棄待ち保管庫'),
  )
  let line = `導入時確認 2 件（1 件確認中: ${NEW_TAG}）`
  if (disposal) {
    let d = await s.decommission.start(disposal.id, actor)
    d = await s.decommission.item(
      d.id,
      'removable_media_removed',
      { done: true, notApplicable: false, note: '' },
      actor,
    )
    d = await s.decommission.item(
      d.id,
      'accounts_removed',
      { done: true, notApplicable: false, note: '電子カルテ連携アカウントを削除' },
      actor,
    )
    d = await s.decommission.item(
      d.id,
      'certificates_revoked',
      { done: false, notApplicable: true, note: '証明書は使用していない' },
      actor,
    )
    await s.decommission.handover(
      d.id,
      {
        erasureMethod: 'manufacturer_procedure',
        erasureEvidence: 'メーカー作業報告書 No. 2026-118',
        recipient: '株式会社デモ医療機器販売',
        handoverOn: null,
      },
      actor,
    )
    line += `、廃棄手続き 1 件（${disposal.assetTag ?? disposal.id}）`
  }
  return line
}
