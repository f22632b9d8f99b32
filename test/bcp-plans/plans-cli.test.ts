/**
 * `mamori bcp cards|playbook|contacts|exercises` as a script runs them, on the demo hospital (ADR 0043): the cards are
 * a real PDF with Japanese text; the playbook, the contact chain (with its picture) and the exercise come from the
 * demo seed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ContactChain, Exercise, Playbook } from '../../api/bcp.js'
import { pdfText } from '../documents/read-back.js'
import { mamori } from '../helpers/cli.js'

describe('mamori bcp (plans)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bcp-plans-cli-'))

  beforeAll(async () => {
    const demo = await mamori(dataDir, ['demo', '--json'])
    expect(demo.code, demo.stderr).toBe(0)
  }, 240_000)
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('writes the downtime cards as a PDF with Japanese text', async () => {
    const out = join(dataDir, 'cards.pdf')
    const r = await mamori(dataDir, ['bcp', 'cards', '--lang', 'ja', '--out', out, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ file: out })
    const pdf = readFileSync(out)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = (await pdfText(pdf)).pages.join(' ').replace(/\s+/g, '')
    expect(text).toContain('停止時手順カード')
    expect(text).toContain('みなと総合病院')
    const bad = await mamori(dataDir, ['bcp', 'cards', '--lang', 'fr', '--out', out])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('--lang fr')
  }, 180_000)

  it('shows the demo playbook with one task without owner, the chain with MHLW and police, and the exercise', async () => {
    const pb = JSON.parse((await mamori(dataDir, ['bcp', 'playbook', '--json'])).stdout) as Playbook
    expect(pb.phases.map((p) => p.tasks.length).every((n) => n >= 5)).toBe(true)
    expect(pb.warnings.map((w) => w.code)).toEqual(['no_owner'])
    const svg = join(dataDir, 'chain.svg')
    const text = await mamori(dataDir, ['bcp', 'contacts', '--lang', 'ja', '--chart', svg])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('警察')
    expect(text.stdout).toContain('0120-000-101')
    expect(readFileSync(svg, 'utf8')).toContain('厚生労働省 医政局')
    const chain = JSON.parse((await mamori(dataDir, ['bcp', 'contacts', '--json'])).stdout) as ContactChain
    expect(new Set(chain.items.map((c) => c.kind))).toEqual(new Set(['internal', 'vendor', 'authority', 'police']))
    expect(chain.warnings).toEqual([])
    const ex = JSON.parse((await mamori(dataDir, ['bcp', 'exercises', '--json'])).stdout) as { items: Exercise[] }
    expect(ex.items).toHaveLength(1)
    expect(ex.items[0]!.scenario).toContain('電子カルテサーバのランサムウェア感染を想定した机上訓練')
  }, 180_000)
})
