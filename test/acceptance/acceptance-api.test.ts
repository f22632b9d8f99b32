/**
 * Acceptance tests and decommissioning through the API as a client sends them, on both databases: start (status →
 * acceptance), refusals, the quarantine guard (no scan is created), checks, an issue answered 「仕様です」, sign-off
 * (409 naming what is left, then with accepted open items → in use), cancel restoring the status, the report and the
 * handover sheet as PDFs with Japanese text, the decommission checklist through to "decommissioned", and the audit
 * entries by device.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Acceptance } from '../../api/acceptance.js'
import type { Decommission } from '../../api/decommission.js'
import type { Storage } from '../../src/storage/database.js'
import { pdfText } from '../documents/read-back.js'
import { buildDevice } from '../factories.js'
import { buildTestApp, login, type Session } from '../helpers/app.js'
import { DIALECTS } from '../helpers/databases.js'

describe.each(DIALECTS)('acceptance and decommission API on $name', (dialect) => {
  let storage: Storage
  let app: FastifyInstance
  let engineer: Session
  let viewer: Session
  let scopeId: string
  const ids: Record<string, string> = {}

  const send = (s: Session, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object = {}) =>
    app.inject({ method, url, headers: s.headers, payload })
  const ok = async <T>(p: ReturnType<typeof send>): Promise<T> => {
    const res = await p
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as T
  }
  const status = async (id: string) =>
    (await app.inject({ url: `/api/devices/${id}`, headers: viewer.headers })).json().status
  const audit = async (deviceId: string) =>
    (
      await storage.db
        .selectFrom('auditLog')
        .select(['action', 'targetType'])
        .where('targetId', '=', deviceId)
        .orderBy('id')
        .execute()
    ).map((r) => r.action)

  beforeAll(async () => {
    storage = await dialect.open()
    app = await buildTestApp(storage)
    const admin = await login(app, 'admin')
    engineer = await login(app, 'engineer')
    viewer = await login(app, 'viewer')
    const scope = await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.99.0.0/24', label: '隔離セグメント' },
    })
    expect(scope.statusCode, scope.body).toBeLessThan(300)
    scopeId = scope.json().id
    // Also approve the ordinary network: the guard must hold to the chosen quarantine scope, not to "any scope".
    // Loopback only: were the guard ever to fail, nothing would leave this machine.
    await app.inject({
      method: 'POST',
      url: '/api/scopes',
      headers: admin.headers,
      payload: { target: '127.0.0.0/24' },
    })
    const devices: [string, Partial<Parameters<typeof buildDevice>[0]>][] = [
      [
        'NEW',
        {
          assetTag: 'ACC-NEW',
          name: '生体情報モニタ',
          ipAddresses: ['127.99.0.21'],
          status: 'in_storage',
          declaredPorts: [443],
        },
      ],
      ['TWO', { assetTag: 'ACC-TWO', ipAddresses: ['127.99.0.22', '127.0.0.22'], status: 'in_storage' }],
      ['OUT', { assetTag: 'ACC-OUT', ipAddresses: ['127.99.1.0'], status: 'in_storage' }],
      ['V6', { assetTag: 'ACC-V6', ipAddresses: ['::1'], status: 'in_storage' }],
      ['NOIP', { assetTag: 'ACC-NOIP', ipAddresses: [], status: 'in_storage' }],
      ['GONE', { assetTag: 'ACC-GONE', status: 'decommissioned' }],
      ['OLD', { assetTag: 'ACC-OLD', name: '旧型輸液ポンプ', serialNumber: 'SN-778', softwareVersion: '2.1.0' }],
    ]
    for (const [key, over] of devices) {
      const res = await send(engineer, 'POST', '/api/devices', buildDevice({ macAddresses: [], ...over }))
      expect(res.statusCode, res.body).toBe(201)
      ids[key] = res.json().id
    }
  })
  afterAll(async () => {
    await app?.close()
    await storage?.close()
  })

  it('refuses a decommissioned device and a second open acceptance with their codes', async () => {
    const gone = await send(engineer, 'POST', '/api/acceptances', { device: 'ACC-GONE' })
    expect(gone.statusCode).toBe(400)
    expect(gone.json().error.code).toBe('ACCEPTANCE_NOT_ALLOWED')
    const forbidden = await send(viewer, 'POST', '/api/acceptances', { device: 'ACC-NEW' })
    expect(forbidden.statusCode).toBe(403)
  })

  it('guards the quarantine scope: nothing outside it is scanned, and no scan is even created', async () => {
    const scansBefore = (await storage.db.selectFrom('scans').select('id').execute()).length
    for (const [tag, address, code] of [
      ['ACC-TWO', '127.0.0.22', 'ACCEPTANCE_OUTSIDE_QUARANTINE'],
      ['ACC-OUT', '127.99.1.0', 'ACCEPTANCE_OUTSIDE_QUARANTINE'],
      ['ACC-V6', '::1', 'ACCEPTANCE_OUTSIDE_QUARANTINE'],
      ['ACC-NOIP', null, 'ACCEPTANCE_NO_ADDRESS'],
    ] as const) {
      const a = await ok<Acceptance>(send(engineer, 'POST', '/api/acceptances', { device: tag, scopeId }))
      const res = await send(engineer, 'POST', `/api/acceptances/${a.id}/scan`, { scopeId })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().error.code).toBe(code)
      if (address) expect(res.json().error.message).toContain(address)
      await ok(send(engineer, 'POST', `/api/acceptances/${a.id}/cancel`, { reason: 'テスト' }))
    }
    expect((await storage.db.selectFrom('scans').select('id').execute()).length).toBe(scansBefore)
    expect(await audit(ids.TWO!)).not.toContain('acceptance.scan')
  })

  it('runs the workflow: start → checks → issue 「仕様です」 → sign-off → in use, with the report and audit', async () => {
    let a = await ok<Acceptance>(send(engineer, 'POST', '/api/acceptances', { device: 'ACC-NEW' }))
    expect(a.state).toBe('in_progress')
    expect(a.previousStatus).toBe('in_storage')
    expect(a.comparison.declaredPorts).toEqual([443])
    expect(a.checks.map((c) => c.id)).toHaveLength(10)
    expect(await status(ids.NEW!)).toBe('acceptance')
    const again = await send(engineer, 'POST', '/api/acceptances', { device: ids.NEW! })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ACCEPTANCE_ALREADY_OPEN')

    for (const c of a.checks)
      a = await ok(send(engineer, 'PUT', `/api/acceptances/${a.id}/checks/${c.id}`, { result: 'pass', note: '' }))
    expect(a.checks.every((c) => c.checkedBy === 'engineer' && c.checkedAt)).toBe(true)
    const stale = await send(engineer, 'PUT', `/api/acceptances/${a.id}/checks/time_source`, {
      result: 'fail',
      version: 1,
    })
    expect(stale.statusCode).toBe(409)

    a = await ok(send(engineer, 'POST', `/api/acceptances/${a.id}/issues`, { title: 'TCP 23 が開いている' }))
    const issueId = a.issues[0]!.id
    a = await ok(
      send(engineer, 'PATCH', `/api/acceptances/${a.id}/issues/${issueId}`, {
        manufacturerReply: '保守用の機能であり仕様です',
        resolution: 'spec',
        decision: '医療機器 VLAN に隔離して受容（臨床工学部長）',
      }),
    )
    expect(a.issues[0]!.repliedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const refused = await send(engineer, 'POST', `/api/acceptances/${a.id}/sign-off`, { note: '' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.code).toBe('ACCEPTANCE_INCOMPLETE')
    expect(refused.json().error.message).toContain('no scan from the quarantine segment yet')
    const noReason = await send(engineer, 'POST', `/api/acceptances/${a.id}/sign-off`, { acceptOpen: true })
    expect(noReason.statusCode).toBe(409)
    a = await ok(
      send(engineer, 'POST', `/api/acceptances/${a.id}/sign-off`, {
        note: '立会い確認済み',
        acceptOpen: true,
        reason: 'スキャンは試験成績書で代替',
      }),
    )
    expect(a.state).toBe('signed_off')
    expect(a.signOff).toMatchObject({ by: 'engineer', acceptedOpen: true, reason: 'スキャンは試験成績書で代替' })
    expect(await status(ids.NEW!)).toBe('in_use')
    const latest = await ok<Acceptance>(
      app.inject({ url: '/api/devices/ACC-NEW/acceptance', headers: viewer.headers }) as never,
    )
    expect(latest.id).toBe(a.id)

    const pdf = await app.inject({ url: `/api/acceptances/${a.id}/report?lang=ja`, headers: viewer.headers })
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = (await pdfText(pdf.rawPayload)).pages.join('\n').replace(/\s+/g, '')
    for (const s of [
      '導入時確認報告書',
      '初期パスワードの変更',
      '仕様です',
      '医療機器VLANに隔離して受容',
      '未解決事項を残したまま承認',
    ])
      expect(text).toContain(s)
    const en = await app.inject({ url: `/api/acceptances/${a.id}/report?lang=en`, headers: viewer.headers })
    expect((await pdfText(en.rawPayload)).pages.join(' ')).toContain('Acceptance test report')

    const actions = await audit(ids.NEW!)
    for (const x of [
      'acceptance.start',
      'acceptance.check',
      'acceptance.issue',
      'acceptance.issue_reply',
      'acceptance.sign_off',
      'acceptance.report',
    ])
      expect(actions).toContain(x)
    expect(actions.filter((x) => x === 'device.update')).toHaveLength(2) // → acceptance, → in use: through the ledger
  })

  it('cancel restores the previous status', async () => {
    const a = await ok<Acceptance>(send(engineer, 'POST', '/api/acceptances', { device: 'ACC-OUT' }))
    expect(await status(ids.OUT!)).toBe('acceptance')
    const c = await ok<Acceptance>(send(engineer, 'POST', `/api/acceptances/${a.id}/cancel`, { reason: '納入延期' }))
    expect(c.state).toBe('cancelled')
    expect(c.cancelled?.reason).toBe('納入延期')
    expect(await status(ids.OUT!)).toBe('in_storage')
    expect(await audit(ids.OUT!)).toContain('acceptance.cancel')
  })

  it('decommissions: start, items, incomplete refused, handover, complete → decommissioned, handover sheet', async () => {
    let d = await ok<Decommission>(send(engineer, 'POST', '/api/decommissions', { device: 'ACC-OLD' }))
    expect(d.items).toHaveLength(10)
    const twice = await send(engineer, 'POST', '/api/decommissions', { device: 'ACC-OLD' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('DECOMMISSION_ALREADY_OPEN')
    const noNote = await send(engineer, 'PUT', `/api/decommissions/${d.id}/items/certificates_revoked`, {
      done: false,
      notApplicable: true,
    })
    expect(noNote.statusCode).toBe(400)
    const early = await send(engineer, 'POST', `/api/decommissions/${d.id}/complete`, {})
    expect(early.statusCode).toBe(409)
    expect(early.json().error.code).toBe('DECOMMISSION_INCOMPLETE')
    expect(early.json().error.message).toContain('Patient data erased')
    for (const item of d.items.filter((i) => i.id !== 'ledger_updated'))
      d = await ok(
        send(engineer, 'PUT', `/api/decommissions/${d.id}/items/${item.id}`, {
          done: item.id !== 'certificates_revoked',
          notApplicable: item.id === 'certificates_revoked',
          note: item.id === 'certificates_revoked' ? '証明書は使用していない' : '',
        }),
      )
    d = await ok(
      send(engineer, 'PUT', `/api/decommissions/${d.id}/handover`, {
        erasureMethod: 'manufacturer_procedure',
        erasureEvidence: 'メーカー作業報告書 No. 2026-118',
        recipient: '株式会社デモ医療機器販売',
        handoverOn: '2026-12-10',
      }),
    )
    const badDate = await send(engineer, 'PUT', `/api/decommissions/${d.id}/handover`, {
      erasureMethod: null,
      handoverOn: '2026-13-45x',
    })
    expect(badDate.statusCode).toBe(400)
    d = await ok(send(engineer, 'POST', `/api/decommissions/${d.id}/complete`, {}))
    expect(d.state).toBe('completed')
    expect(d.items.find((i) => i.id === 'ledger_updated')?.done).toBe(true)
    expect(await status(ids.OLD!)).toBe('decommissioned')
    const pdf = await app.inject({ url: `/api/decommissions/${d.id}/handover-sheet?lang=ja`, headers: viewer.headers })
    expect(pdf.statusCode).toBe(200)
    const text = (await pdfText(pdf.rawPayload)).pages.join('\n').replace(/\s+/g, '')
    for (const s of [
      '譲渡時の情報提供書',
      'SN-778',
      '2.1.0',
      'メーカー作業報告書No.2026-118',
      '施行規則第170条',
      '株式会社デモ医療機器販売',
    ])
      expect(text).toContain(s)
    const actions = await audit(ids.OLD!)
    for (const x of [
      'decommission.start',
      'decommission.item',
      'decommission.handover',
      'decommission.complete',
      'decommission.handover_sheet',
    ])
      expect(actions).toContain(x)
    const list = await ok<{ items: Decommission[] }>(
      app.inject({ url: '/api/decommissions?state=completed', headers: viewer.headers }) as never,
    )
    expect(list.items.map((x) => x.id)).toContain(d.id)
  })
})
