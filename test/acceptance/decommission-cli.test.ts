/**
 * `mamori decommission DEVICE` on the demo hospital: the demo's decommissioning in progress; a new one started and
 * printed as a checklist with what is left; an item done; not applicable without a note refused; the handover sheet.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Decommission } from '../../api/decommission.js'
import { pdfText } from '../documents/read-back.js'
import { mamori } from '../helpers/cli.js'

describe('mamori decommission', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-decommission-cli-'))

  beforeAll(async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 180_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts and prints the checklist with what is left, then records an item and the handover sheet', async () => {
    const r = await mamori(dataDir, ['decommission', 'ME-ICU-NEW-02', '--lang', 'ja'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('患者データの消去')
    expect(r.stdout).toContain('残っている作業:')
    expect(r.stdout).toContain('消去方法が記録されていません')
    const done = await mamori(dataDir, ['decommission', 'ME-ICU-NEW-02', '--done', 'patient_data_erased', '--json'])
    expect(done.code, done.stderr).toBe(0)
    const d = JSON.parse(done.stdout) as Decommission
    expect(d.items.find((i) => i.id === 'patient_data_erased')?.done).toBe(true)
    const na = await mamori(dataDir, ['decommission', 'ME-ICU-NEW-02', '--na', 'certificates_revoked'])
    expect(na.code).not.toBe(0)
    expect(na.stderr).toContain('needs a note')
    const early = await mamori(dataDir, ['decommission', 'ME-ICU-NEW-02', '--complete'])
    expect(early.code).not.toBe(0)
    expect(early.stderr).toContain('Not completed')
    const out = join(dataDir, 'sheet.pdf')
    const sheet = await mamori(dataDir, [
      'decommission',
      'ME-ICU-NEW-02',
      '--erasure',
      'crypto_erase',
      '--handover-sheet',
      out,
      '--lang',
      'ja',
    ])
    expect(sheet.code, sheet.stderr).toBe(0)
    const text = (await pdfText(readFileSync(out))).pages.join('').replace(/\s+/g, '')
    expect(text).toContain('譲渡時の情報提供書')
    expect(text).toContain('暗号化消去')
    // The demo hospital is the only site: the sheet names who hands the device over.
    expect(text).toContain('譲渡元:みなと総合病院')
  }, 90_000)
})
