/**
 * Downtime cards stay one card per page at their limits (ADR 0043): a service with many dependencies, long warnings
 * and a long fallback is printed with a tighter budget rather than spilling onto a second page; a device card with
 * every list at its cap and the longest texts the API takes still fits one page; the English cards read in English.
 */
import { describe, expect, it } from 'vitest'
import type { BcpWarning } from '../../api/bcp.js'
import { defaultContacts } from '../../src/core/bcp-plans/contacts.js'
import { downtimeCardsPdf } from '../../src/reports/downtime-cards/index.js'
import { pdfText } from '../documents/read-back.js'
import { fakePlan, fakeService } from './fake-continuity.js'

const long = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n)
const contacts = defaultContacts().map((c, i) => ({
  ...c,
  id: `c${i}`,
  phone: `03-0000-${1000 + i}`,
  notifies: c.notifies.map((j) => `c${j}`),
  updatedAt: '2026-12-01T00:00:00.000Z',
}))
const warning = (i: number): BcpWarning => ({
  code: 'device_without_plan',
  messageJa: long(`注意点 ${i}: 依存する機器に停止時の手順が保存されていません。`, 300),
  messageEn: long(`Warning ${i}: devices without a plan. `, 300),
  nodes: [],
})

describe('downtime cards at their limits', () => {
  it('keeps a crowded service card and a device card with every list full on one page each', async () => {
    const svc = fakeService({
      id: 's1',
      name: long('集中治療室 生体情報モニタリング', 60),
      nameEn: 'ICU monitoring',
      fallbackJa: long('紙の記録用紙に切り替え、看護師をベッドサイドに配置して直接観察する。', 2000),
      maxDowntimeMinutes: 0,
      decider: 'ICU 当直医長',
      dependencies: Array.from({ length: 60 }, (_, i) => ({
        target: { kind: 'device' as const, id: `d${i}` },
        strength: 'hard' as const,
        note: '',
        label: long(`生体情報モニタ ME-ICU-${i} `, 80),
        broken: i % 7 === 0,
      })),
      warnings: Array.from({ length: 8 }, (_, i) => warning(i)),
    })
    const device = fakePlan({
      deviceId: 'd1',
      saved: false,
      isolationJa: long('LAN ケーブルを抜く。電源は切らない。', 600),
      recoveryStepsJa: Array.from({ length: 30 }, (_, i) => long(`手順 ${i}: 再接続して時刻と設定を確かめる。`, 300)),
      validationJa: Array.from({ length: 30 }, (_, i) => long(`確認 ${i}: アラームが鳴る。`, 300)),
      backupNote: long('設定は臨床工学部の保管庫。', 1000),
      manufacturerContact24h: long('0120-000-202 ', 200),
      device: {
        assetTag: 'ME-ICU-0001',
        name: long('ベッドサイドモニタ', 100),
        model: 'BSM-1',
        department: 'ICU',
        location: long('本館 4F ICU ', 100),
        lifeCritical: true,
      },
      services: Array.from({ length: 10 }, (_, i) => ({ id: i === 0 ? 's1' : `x${i}`, name: long('電子カルテ', 60) })),
    })
    for (const lang of ['ja', 'en'] as const) {
      const { pdf } = await downtimeCardsPdf({
        lang,
        date: '2026-12-01',
        hospital: 'みなと総合病院',
        services: [svc],
        devices: [device],
        allServices: [svc],
        contacts,
        warnings: [],
      })
      const { pages, totalPages } = await pdfText(pdf)
      expect(totalPages, `${lang}: ${pages.map((p) => p.slice(0, 30)).join(' | ')}`).toBe(3)
      const flat = pages.map((p) => p.replace(/\s+/g, ''))
      expect(flat[1]).toContain(lang === 'ja' ? '臨床サービス:' : 'Clinicalservice:')
      expect(flat[1]).toMatch(lang === 'ja' ? /ほか\d+件/ : /\d+more/)
      expect(flat[2]).toContain('ME-ICU-0001')
      expect(flat[2]).toContain(
        lang === 'ja' ? 'この機器の停止時手順はまだ作成されていません' : 'Nodowntimeprocedurehasbeenwritten',
      )
    }
  }, 60_000)
})
