/**
 * Service refusals come from the message catalog (MamoriError.of): both languages, the catalog's status, and the
 * parameters the UI renders the same key with.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { restoreDatabase } from '../../src/services/backup.js'
import { nextRun } from '../../src/services/scan-scheduler.js'
import { buildDevice } from '../factories.js'
import { FakeBackupStore, newTestServices } from '../fakes/ports.js'

const alice = { id: 'u-alice', name: 'alice' }
const bob = { id: 'u-bob', name: 'bob' }

describe('service errors from the catalog', () => {
  it('a version conflict names the device, who saved it and when, in both languages', async () => {
    const { sut } = newTestServices()
    const d = await sut.devices.create(buildDevice({ assetTag: 'ME-7' }), alice)
    const saved = await sut.devices.update(d.id, 1, { department: 'ER' }, bob)
    const err = await sut.devices.update(d.id, 1, { department: 'OR' }, alice).catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'DEVICE_VERSION_CONFLICT',
      status: 409,
      message: `Device ME-7 was changed by bob at ${saved.updatedAt} after you opened it. Reload it and apply your change again.`,
      messageJa: expect.stringContaining('機器 ME-7 は、開いた後に bob が'),
      params: { device: 'ME-7', by: 'bob', at: saved.updatedAt },
    })
  })

  it('a duplicate asset tag and a device without identifiers, with their located details', async () => {
    const { sut } = newTestServices()
    await sut.devices.create(buildDevice({ assetTag: 'ME-8' }), alice)
    await expect(sut.devices.create(buildDevice({ assetTag: 'ME-8' }), alice)).rejects.toMatchObject({
      code: 'DEVICE_DUPLICATE_ASSET_TAG',
      status: 409,
      messageJa: expect.stringContaining('資産番号「ME-8」は別の機器に登録済みです'),
      details: [{ where: 'assetTag' }],
    })
    await expect(
      sut.devices.create(
        buildDevice({ assetTag: null, serialNumber: null, hostname: null, ipAddresses: [], macAddresses: [] }),
        alice,
      ),
    ).rejects.toMatchObject({
      code: 'DEVICE_INVALID',
      message: expect.stringMatching(/^The device cannot be saved: Fill in at least one of asset tag/),
      messageJa: expect.stringMatching(/^機器を保存できません: .*少なくとも一つ/),
      params: { problems: { en: expect.any(String), ja: expect.any(String) } },
    })
  })

  it('accepting a risk without a reason, and a cron expression that is none', async () => {
    const { sut } = newTestServices()
    await expect(sut.findings.decide('f-1', { status: 'accepted' }, alice)).rejects.toMatchObject({
      code: 'FINDING_REASON_REQUIRED',
      status: 400,
      messageJa: 'リスクを受容するには理由（例: 代わりの対策）の入力が必要です。',
    })
    expect(() => nextRun('every sunday', new Date())).toThrow(
      expect.objectContaining({
        code: 'SCHEDULE_INVALID',
        message: expect.stringMatching(/^"every sunday" is not a cron expression \(.+\)\. Use five fields/),
        messageJa: expect.stringContaining('「every sunday」は cron 式ではありません'),
      }),
    )
  })

  it('a damaged backup says what is wrong in Japanese too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-catalog-backup-'))
    const notGzip = join(dir, 'x.gz')
    writeFileSync(notGzip, 'hello')
    await expect(restoreDatabase(new FakeBackupStore(), notGzip)).rejects.toMatchObject({
      code: 'BACKUP_UNREADABLE',
      message: expect.stringMatching(/is not a readable Mamori backup: it is not gzip \(.+\)\.$/),
      messageJa: expect.stringContaining('gzip として読めません'),
    })
    const header = JSON.stringify({ format: 'mamori-backup', version: 1, createdAt: '', migrations: [] })
    const truncated = join(dir, 't.gz')
    writeFileSync(truncated, gzipSync(`${header}\n{"t":"devices","r":{"id":`))
    await expect(restoreDatabase(new FakeBackupStore(), truncated)).rejects.toMatchObject({
      code: 'BACKUP_CORRUPT',
      message: `${truncated}: line 2 is not valid JSON (truncated file?). The file is damaged or not a backup. Nothing was restored.`,
      messageJa: `${truncated}: 2 行目が JSON として正しくありません（ファイルが途中で切れている可能性があります）。ファイルが壊れているか、バックアップではありません。何も復元していません。`,
    })
  })
})
