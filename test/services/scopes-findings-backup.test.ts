/** Scope, finding-review and backup services against in-memory ports. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../../api/discovery.js'
import { newTestServices } from '../fakes/ports.js'

const admin = { id: 'u-admin', name: 'admin' }

describe('ScopeService', () => {
  it('refuses a target that does not parse, and a very large scope without confirmation', async () => {
    const { sut, ports } = newTestServices()
    await expect(sut.scopes.approve('not-an-address', {}, admin)).rejects.toMatchObject({ code: 'TARGET_INVALID' })
    await expect(sut.scopes.approve('10.0.0.0/8', {}, admin)).rejects.toMatchObject({
      code: 'SCOPE_NEEDS_CONFIRMATION',
    })
    expect(ports.discovery.scopeList).toEqual([])
    await sut.scopes.approve('10.0.0.0/8', { confirmLarge: true, label: 'whole hospital' }, admin)
    expect(ports.discovery.scopeList).toMatchObject([{ target: '10.0.0.0/8', label: 'whole hospital' }])
  })

  it('refuses an exclusion that does not parse; a valid one is stored', async () => {
    const { sut, ports } = newTestServices()
    await expect(sut.scopes.exclude('10.0.0.300', null, admin)).rejects.toMatchObject({ code: 'TARGET_INVALID' })
    await sut.scopes.exclude('10.0.0.30', 'ventilator', admin)
    expect(ports.discovery.exclusionList).toMatchObject([{ address: '10.0.0.30', reason: 'ventilator' }])
  })
})

describe('FindingReviewService', () => {
  it('accepting a risk needs a reason', async () => {
    const { sut, ports } = newTestServices()
    ports.discovery.findingList.push({ id: 'f-1', status: 'open' } as Finding)
    await expect(sut.findings.decide('f-1', { status: 'accepted' }, admin)).rejects.toMatchObject({
      code: 'FINDING_REASON_REQUIRED',
      status: 400,
    })
    expect(ports.discovery.findingList[0]!.status).toBe('open')
    await sut.findings.decide('f-1', { status: 'accepted', reason: 'isolated VLAN' }, admin)
    expect(ports.discovery.findingList[0]!.status).toBe('accepted')
  })
})

describe('BackupService', () => {
  it('round-trips every table through a file and audits the backup and the restore', async () => {
    const { sut, ports } = newTestServices()
    ports.backup.data = {
      sites: [{ id: 'main', name: 'Main' }],
      devices: [{ id: 'd-1', asset_tag: 'ME-1' }],
      auditLog: [{ id: 1, action: 'device.create' }],
    }
    const file = join(mkdtempSync(join(tmpdir(), 'mamori-svc-backup-')), 'b.jsonl.gz')
    expect(await sut.backup.backup(file, admin)).toEqual({ sites: 1, devices: 1, auditLog: 1 })
    const saved = structuredClone(ports.backup.data)
    ports.backup.data = { sites: [], devices: [], auditLog: [] }
    expect(await sut.backup.restore(file, admin)).toEqual({ sites: 1, devices: 1, auditLog: 1 })
    expect(ports.backup.data).toEqual(saved)
    expect(ports.audit.actions()).toEqual(['backup.create', 'backup.restore'])
  })

  it('a backup that cannot be written is audited as failed', async () => {
    const { sut, ports } = newTestServices()
    await expect(sut.backup.backup('/nonexistent-dir/x.gz', admin)).rejects.toMatchObject({
      code: 'BACKUP_WRITE_FAILED',
    })
    expect(ports.audit.actions()).toEqual(['backup.create', 'backup.failed'])
  })
})
