/**
 * The built-in editions as data: counts, numbering, and the wording marks exactly as the reference file
 * (/work/shared/reference/mhlw-checklist.md) marks them — 原文 items carry the reference's text, 要旨 items never
 * present themselves as MHLW's wording.
 */
import { describe, expect, it } from 'vitest'
import { checklistEdition } from '../../api/checklist.js'
import { itemText } from '../../src/core/checklist/answers.js'
import { CROSSWALK, HPH_CPG } from '../../src/core/checklist/crosswalk.js'
import { BUILT_IN_EDITIONS } from '../../src/core/checklist/editions/index.js'

const hospital = BUILT_IN_EDITIONS.find((e) => e.id === 'r7-hospital')!
const vendor = BUILT_IN_EDITIONS.find((e) => e.id === 'r7-vendor')!

/** The reference table: id → 原文 text (as copied there), or 'summary'. */
const REFERENCE: Record<string, string> = {
  前提: '医療情報システムを導入、運用している。(「いいえ」なら以下すべて確認不要)',
  '1-①': '医療情報システム安全管理責任者を設置している。',
  '1-②': 'summary',
  '2-①': 'サーバ、端末 PC、ネットワーク機器の台帳管理を行っている。',
  '2-②': 'リモートメンテナンス(保守)を利用している機器の有無を事業者に確認した。',
  '2-③': '事業者から製造業者/サービス事業者による医療情報セキュリティ開示書(MDS/SDS)を提出してもらう。',
  '2-④': 'summary',
  '2-⑤': 'summary',
  '2-⑥': 'セキュリティパッチ(最新ファームウェアや更新プログラム)を適用している。',
  '2-⑦': 'summary',
  '2-⑧': 'パスワードの使い回しを禁止している。',
  '2-⑨': 'summary',
  '2-⑩': 'summary',
  '2-⑪': 'summary',
  '2-⑫': 'バックグラウンドで動作している不要なソフトウェア及びサービスを停止している。',
  '2-⑬': '接続元制限を実施している。',
  '3-①': 'summary',
  '3-②':
    'インシデント発生時に診療を継続するために必要な情報を検討し、データやシステムのバックアップの実施と復旧手順を確認している。',
  '3-③': 'サイバー攻撃を想定した事業継続計画(BCP)を策定している。',
}

describe('built-in checklist editions', () => {
  it('are valid against the contract', () => {
    for (const e of BUILT_IN_EDITIONS) expect(() => checklistEdition.parse(e), e.id).not.toThrow()
  })

  it('令和7 hospital form: 前提 + the 18 numbered items of the reference table (1-①,1-② 2-①…2-⑬ 3-①…3-③) in order', () => {
    // The reference's numbering table (manual draft 2025-03-13) has 2 + 13 + 3 = 18 numbered items; its prose says
    // 令和6 had 18 and 令和7 "adds 5" while folding the patch items into one — the table is what is numbered, so the
    // edition follows the table (ADR 0035).
    expect(hospital.items).toHaveLength(1 + 18)
    expect(hospital.items.map((i) => i.id)).toEqual(Object.keys(REFERENCE))
    expect(hospital.items.filter((i) => i.section === 2)).toHaveLength(13)
    expect(hospital.items.filter((i) => i.section === 1)).toHaveLength(2)
    expect(hospital.items.filter((i) => i.section === 3)).toHaveLength(3)
    expect(new Set(hospital.items.map((i) => i.id)).size).toBe(hospital.items.length)
  })

  it('marks every item 原文 or 要旨 exactly as the reference does, with the reference text for 原文', () => {
    for (const item of hospital.items) {
      const ref = REFERENCE[item.id]!
      if (ref === 'summary') expect(item.wording, item.id).toBe('summary')
      else {
        expect(item.wording, item.id).toBe('original')
        expect(item.textJa, item.id).toBe(ref)
      }
    }
  })

  it('puts 「(要旨)」 before every summary and nothing before MHLW wording', () => {
    const s = hospital.items.find((i) => i.id === '2-⑦')!
    expect(itemText(s, 'ja').startsWith('(要旨) ')).toBe(true)
    expect(itemText(s, 'en').startsWith('(summary) ')).toBe(true)
    const o = hospital.items.find((i) => i.id === '2-⑥')!
    expect(itemText(o, 'ja')).toBe(o.textJa)
  })

  it('prints targets, guideline refs and the 2-⑩ deadline beside the items', () => {
    const by = (id: string) => hospital.items.find((i) => i.id === id)!
    expect(by('2-①')).toMatchObject({ target: '全般', guidelineRefs: ['経営管理編 1.2.1', '企画管理編 9.1'] })
    expect(by('2-⑫').target).toBe('サーバ、端末PC')
    expect(by('2-⑬')).toMatchObject({ target: 'ネットワーク機器', guidelineRefs: ['システム運用編 13⑪'] })
    expect(by('2-⑩').deadlineNote).toContain('令和9年度')
    expect(by('前提').guidelineRefs).toEqual(['概説編 2.3'])
    expect(hospital.items.filter((i) => i.deadlineNote !== null).map((i) => i.id)).toEqual(['2-⑩'])
  })

  it('has English for every item and crosswalks every hospital item (Mamori mapping) to known ids', () => {
    const cpg = new Set<string>(Object.values(HPH_CPG))
    for (const item of [...hospital.items, ...vendor.items]) {
      expect(item.textEn.length, item.id).toBeGreaterThan(10)
      expect(item.textEn).not.toMatch(/[\u3040-\u30ff]/)
      for (const id of item.crosswalk.nistCsf) expect(id).toMatch(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$/)
      for (const g of item.crosswalk.hphCpg) expect(cpg.has(g), g).toBe(true)
    }
    expect(Object.keys(CROSSWALK).sort()).toEqual(hospital.items.map((i) => i.id).sort())
    const by = (id: string) => hospital.items.find((i) => i.id === id)!.crosswalk
    expect(by('2-①').nistCsf).toContain('ID.AM-01')
    expect(by('2-①').hphCpg).toContain('Enhanced 1 (Asset inventory)')
    expect(by('2-⑥').nistCsf).toContain('PR.PS-02')
    expect(by('2-⑥').hphCpg).toContain('Essential 1 (Mitigate known vulnerabilities)')
    expect(by('2-⑩').hphCpg).toEqual(['Essential 3 (Multifactor authentication)'])
    expect(by('2-⑬').hphCpg).toContain('Enhanced 7 (Network segmentation)')
    expect(by('1-①').nistCsf).toEqual(['GV.RR-02'])
  })

  it('vendor form: MHLW wording only for 2-③ (the one 原文 the reference gives); the rest are summaries', () => {
    expect(vendor.form).toBe('vendor')
    const originals = vendor.items.filter((i) => i.wording === 'original')
    expect(originals.map((i) => i.id)).toEqual(['2-③'])
    expect(originals[0]!.textJa).toBe(
      '医療機関に製造業者/サービス事業者による医療情報セキュリティ開示書(MDS/SDS)を提出した。',
    )
    // Ids follow the hospital form so answers line up.
    for (const i of vendor.items)
      expect(
        hospital.items.some((h) => h.id === i.id),
        i.id,
      ).toBe(true)
  })
})
