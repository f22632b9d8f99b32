import { describe, expect, it } from 'vitest'
import { buildLetterInput, buildQuestion } from '../../../test/documents/letter-input.js'
import { docxBody, docxText, pdfText } from '../../../test/documents/read-back.js'
import { MamoriError } from '../../core/errors.js'
import type { DocumentBlock } from '../../documents/model.js'
import { englishDate, japaneseDate } from './dates.js'
import { composeLetter, letterToDocx, letterToPdf } from './index.js'

const texts = (blocks: DocumentBlock[]) =>
  blocks
    .map((b) => {
      if (b.kind === 'heading' || b.kind === 'paragraph') return b.text
      if (b.kind === 'address') return b.lines.join('\n')
      if (b.kind === 'list') return b.items.join('\n')
      if (b.kind === 'table') return [b.columns.map((c) => c.header), ...b.rows].flat().join('\n')
      return ''
    })
    .join('\n')

describe('composeLetter', () => {
  it('writes a Japanese business letter: 御中, 件名, 拝啓…敬具, 記…以上, items with question ids, reply in 30 days', () => {
    const doc = composeLetter(buildLetterInput())
    const all = texts(doc.blocks)
    expect(doc.lang).toBe('ja')
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '令和8年12月2日', align: 'right' })
    for (const t of ['品質保証部 御中', '件名: 貴社製品「Terumo 輸液ポンプ TE-171」', '拝啓', '敬具', '記', '以上']) {
      expect(all).toContain(t)
    }
    expect(all.indexOf('拝啓')).toBeLessThan(all.indexOf('敬具'))
    expect(all.indexOf('敬具')).toBeLessThan(all.indexOf('1. 対象製品'))
    expect(all).toContain('令和9年1月1日までに')
    expect(all).toContain('SBOM（ソフトウェア部品表）')
    expect(all).toContain('他の回答と矛盾しています（SBOM-1: いいえ, SBOM-2: はい (CycloneDX)）')
    expect(all).toContain('開示されていないポートが開いています')
    expect(all).toContain('23/tcp')
    expect(all).toContain('文書番号 TE-MDS2-0042、発行日 2024年4月1日')
    const headings = doc.blocks
      .filter((b) => b.kind === 'heading' && b.level === 2)
      .map((b) => (b as { text: string }).text)
    expect(headings).toEqual([
      '1. 対象製品',
      '2. ご提供をお願いしたい資料',
      '3. ご確認をお願いしたい事項',
      '4. 当院で確認した通信ポートと開示内容との相違',
      '5. ご回答の方法',
    ])
  })

  it('writes the same content as a formal English letter', () => {
    const all = texts(composeLetter(buildLetterInput({ lang: 'en' })).blocks)
    for (const t of [
      '2 December 2026',
      'Dear Sir or Madam,',
      'by 1 January 2027',
      'PAUT-1',
      'Contradicts another answer (SBOM-1: no, SBOM-2: yes (CycloneDX))',
      'Open, but not in the disclosure',
      'Yours faithfully,',
    ]) {
      expect(all).toContain(t)
    }
  })

  it('leaves out empty items, renumbers, and says so when nothing is open', () => {
    const doc = composeLetter(buildLetterInput({ missing: [], questions: [], discrepancies: [], disclosure: null }))
    const headings = doc.blocks
      .filter((b) => b.kind === 'heading' && b.level === 2)
      .map((b) => (b as { text: string }).text)
    expect(headings).toEqual(['1. 対象製品', '2. ご確認をお願いしたい事項', '3. ご回答の方法'])
    expect(texts(doc.blocks)).toContain('開示資料: 当院ではまだ受領しておりません')
    expect(texts(doc.blocks)).toContain('現時点で追加のご確認事項はございません')
  })

  it('addresses the company itself 御中 when no department is known, and skips blank sender fields', () => {
    const doc = composeLetter(
      buildLetterInput({
        recipient: { manufacturer: '日本光電工業株式会社', department: null },
        hospital: {
          name: '守り総合病院',
          department: null,
          address: null,
          contactPerson: null,
          email: null,
          phone: ' ',
        },
      }),
    )
    expect(doc.blocks[1]).toEqual({ kind: 'address', lines: ['日本光電工業株式会社 御中'] })
    expect(doc.blocks[2]).toEqual({ kind: 'address', lines: ['守り総合病院'], align: 'right' })
  })

  it.each([['2026-13-01'], ['02/12/2026'], ['2026-02-30'], ['']])(
    'refuses the date %j with a clear message',
    (date) => {
      try {
        composeLetter(buildLetterInput({ date }))
        expect.unreachable()
      } catch (e) {
        expect(e).toBeInstanceOf(MamoriError)
        expect((e as MamoriError).code).toBe('DOCUMENT_INPUT_INVALID')
        expect((e as MamoriError).message).toContain('YYYY-MM-DD')
      }
    },
  )

  it('refuses an unknown language', () => {
    expect(() => composeLetter(buildLetterInput({ lang: 'fr' as 'ja' }))).toThrow(MamoriError)
  })
})

describe('letter dates', () => {
  it.each([
    ['2019-05-01', '令和元年5月1日', '1 May 2019'],
    ['2019-04-30', '2019年4月30日', '30 April 2019'],
    ['2026-12-02', '令和8年12月2日', '2 December 2026'],
  ])('%s → %s / %s', (iso, ja, en) => {
    const d = new Date(`${iso}T00:00:00Z`)
    expect(japaneseDate(d)).toBe(ja)
    expect(englishDate(d)).toBe(en)
  })
})

describe('letterToPdf and letterToDocx', () => {
  it('writes both languages as PDFs whose text can be extracted, with the font embedded', async () => {
    const ja = await letterToPdf(buildLetterInput())
    const jaText = (await pdfText(ja)).pages.join('\n')
    for (const t of ['輸液ポンプ', '御中', 'PAUT-1', '拝啓', '以上']) expect(jaText).toContain(t)
    expect(ja.toString('latin1')).toContain('/FontFile2')
    expect(ja.length).toBeLessThan(500_000)
    const enText = (await pdfText(await letterToPdf(buildLetterInput({ lang: 'en' })))).pages.join('\n')
    for (const t of ['Dear Sir or Madam', 'PAUT-1', 'Yours faithfully']) expect(enText).toContain(t)
  })

  it('paginates 200 questions: every page numbered, every question id present, the closing on the last page', async () => {
    const questions = Array.from({ length: 200 }, (_, i) =>
      buildQuestion({ questionId: `Q-${i + 1}`, textJa: `質問 ${i + 1}: ${'回答の根拠をご説明ください。'.repeat(3)}` }),
    )
    const { pages, totalPages } = await pdfText(await letterToPdf(buildLetterInput({ questions })))
    expect(totalPages).toBeGreaterThan(5)
    pages.forEach((p, i) => {
      expect(p).toContain(`${i + 1} / ${totalPages}`)
    })
    const all = pages.join('\n')
    for (const id of ['Q-1 ', 'Q-99 ', 'Q-200 ']) expect(all).toContain(id)
    expect(pages.at(-1)).toContain('以上')
  })

  it('writes a .docx that opens as a zip and holds the letter', async () => {
    const docx = await letterToDocx(buildLetterInput())
    const text = docxText(await docxBody(docx))
    for (const t of ['令和8年12月2日', '品質保証部 御中', '拝啓', 'PAUT-1', 'SBOM-1', '23/tcp', '以上']) {
      expect(text).toContain(t)
    }
  })

  it('copes with hostile values from manufacturers and settings', async () => {
    const nasty = `=HYPERLINK("http://x")\u0007${'𠮷'.repeat(3)}😀 مرحبا \u202E${'Z'.repeat(1500)}`
    const input = buildLetterInput({
      model: { vendor: nasty, name: nasty },
      questions: [
        buildQuestion({
          questionId: nasty,
          textJa: nasty,
          citations: [{ questionId: nasty, answer: 'no', comment: nasty }],
        }),
      ],
      discrepancies: [{ device: nasty, port: 65535, transport: 'udp', status: 'declared-unseen', service: nasty }],
    })
    const pdf = (await pdfText(await letterToPdf(input))).pages.join('\n')
    expect(pdf).toContain('=HYPERLINK("http://x")')
    expect(pdf).toContain('65535/udp')
    const docx = docxText(await docxBody(await letterToDocx(input)))
    expect(docx).toContain('=HYPERLINK("http://x")𠮷𠮷𠮷😀')
    expect(docx).not.toContain('\u202E')
  })
})
