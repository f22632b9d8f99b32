import { describe, expect, it } from 'vitest'
import { docxBody, docxText, pdfText } from '../../test/documents/read-back.js'
import { renderDocx, renderPdf } from './index.js'
import type { DocumentModel } from './model.js'
import { MAX_TEXT, safeText } from './text.js'

const sample: DocumentModel = {
  lang: 'ja',
  title: '輸液ポンプのセキュリティ開示のお願い',
  author: '守り総合病院',
  blocks: [
    { kind: 'paragraph', text: '令和8年12月2日', align: 'right' },
    { kind: 'address', lines: ['テルモ株式会社', '品質保証部 御中'] },
    { kind: 'heading', level: 1, text: '件名: 輸液ポンプの開示のお願い', align: 'center' },
    { kind: 'paragraph', text: '拝啓　時下ますますご清栄のこととお慶び申し上げます。\nSecond line in English.' },
    { kind: 'list', ordered: true, items: ['MDS2 の提出', 'SBOM の提出'] },
    { kind: 'list', ordered: false, items: ['箇条書き'] },
    { kind: 'spacer' },
    {
      kind: 'table',
      columns: [
        { header: '質問ID', width: 1 },
        { header: '内容', width: 4 },
      ],
      rows: [['PAUT-1', '利用者ごとの固有アカウントはありますか。']],
    },
    { kind: 'pageBreak' },
    { kind: 'paragraph', text: '以上', align: 'right' },
  ],
}

function longTable(rows: number): DocumentModel {
  return {
    lang: 'en',
    title: 'Long table',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Question ID', width: 1 },
          { header: 'Why we ask', width: 4 },
        ],
        rows: Array.from({ length: rows }, (_, i) => [`Q-${i + 1}`, `Row ${i + 1}: the answer was left empty.`]),
      },
    ],
  }
}

describe('renderPdf', () => {
  it('writes Japanese and English text that a PDF reader can extract, on the pages the model asks for', async () => {
    const pdf = await renderPdf(sample)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const { pages, totalPages } = await pdfText(pdf)
    expect(totalPages).toBe(2)
    const all = pages.join('\n')
    for (const t of ['令和8年12月2日', '品質保証部 御中', '輸液ポンプ', 'PAUT-1', 'Second line in English.', '1 / 2']) {
      expect(all).toContain(t)
    }
    expect(pages[1]).toContain('以上')
  })

  it('embeds a subset of the Japanese font with a ToUnicode map (no reliance on installed fonts)', async () => {
    const pdf = await renderPdf(sample)
    const raw = pdf.toString('latin1')
    expect(raw).toContain('/FontFile2')
    expect(raw).toContain('/ToUnicode')
    // A subset font is named with a six-letter tag (ISO 32000-1 §9.6.4): ABCDEF+BIZUDPGothic.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+BIZUDPGothic/)
    // The whole font is 4.5 MB; a one-page letter's subset stays far below 1 MB.
    expect(pdf.length).toBeLessThan(300_000)
  })

  it('breaks a 200-row table across pages and repeats its header on each page', async () => {
    const { pages, totalPages } = await pdfText(await renderPdf(longTable(200)))
    expect(totalPages).toBeGreaterThan(3)
    for (const p of pages) expect(p).toContain('Question ID')
    const all = pages.join('\n')
    for (const id of ['Q-1 ', 'Q-100 ', 'Q-200 ']) expect(all).toContain(id)
  })

  it('sets hostile text without crashing: formulas, control characters, emoji, RTL, very long words', async () => {
    const hostile = [
      '=cmd|"/c calc"!A1',
      '+SUM(A1)\u0007\u0000\u001b[31m',
      '😀 emoji 🏥',
      'مرحبا \u202Eevil\u202C שלום',
      'x'.repeat(30_000),
      'あ'.repeat(5_000),
      '\uD800 lone surrogate',
    ]
    const doc: DocumentModel = {
      lang: 'en',
      title: hostile[0] ?? '',
      blocks: [
        ...hostile.map((text) => ({ kind: 'paragraph' as const, text })),
        { kind: 'table', columns: [{ header: '=A1', width: 1 }], rows: hostile.map((h) => [h]) },
        { kind: 'list', ordered: false, items: hostile },
      ],
    }
    const { pages } = await pdfText(await renderPdf(doc))
    const all = pages.join('\n')
    expect(all).toContain('=cmd|"/c calc"!A1')
    expect(all).not.toContain('\u0007')
    expect(all).toContain('xxxxxxxxxx')
  })
})

describe('callout', () => {
  const doc: DocumentModel = {
    lang: 'ja',
    title: '停止時カード',
    blocks: [
      { kind: 'callout', tone: 'danger', title: 'まず、これをする', text: 'LAN ケーブルを抜く。電源は切らない。' },
      { kind: 'paragraph', text: '次の段落' },
    ],
  }

  it('boxes its title and large text in the PDF, extractable, before what follows', async () => {
    const text = (await pdfText(await renderPdf(doc))).pages.join('\n').replace(/\s+/g, '')
    expect(text).toContain('まず、これをする')
    expect(text).toContain('LANケーブルを抜く。電源は切らない。')
    expect(text.indexOf('電源は切らない')).toBeLessThan(text.indexOf('次の段落'))
  })

  it('writes a bordered bold paragraph in 20 pt in the .docx', async () => {
    const xml = await docxBody(await renderDocx(doc))
    expect(docxText(xml)).toContain('LAN ケーブルを抜く。電源は切らない。')
    expect(xml).toContain('<w:pBdr>')
    expect(xml).toContain('w:val="40"')
  })
})

describe('renderDocx', () => {
  it('writes a zip whose word/document.xml holds the texts, headings, a list and a table with a repeated header', async () => {
    const docx = await renderDocx(sample)
    expect(docx.subarray(0, 2).toString()).toBe('PK')
    const xml = await docxBody(docx)
    const text = docxText(xml)
    for (const t of ['令和8年12月2日', '品質保証部 御中', '件名: 輸液ポンプの開示のお願い', 'PAUT-1', '以上']) {
      expect(text).toContain(t)
    }
    expect(xml).toContain('<w:tblHeader')
    expect(xml).toContain('<w:numPr>')
    const styles = await docxBody(docx, 'word/styles.xml')
    expect(styles).toContain('w:eastAsia="ja-JP"')
    expect(styles).toContain('BIZ UDPGothic')
  })

  it('drops characters that XML forbids, so Word opens the file', async () => {
    const docx = await renderDocx({
      lang: 'en',
      title: 'bad\u0001title',
      blocks: [{ kind: 'paragraph', text: 'bell\u0007 <tag> & "quotes" 😀' }],
    })
    const xml = await docxBody(docx)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    expect(docxText(xml)).toContain('bell <tag> & "quotes" 😀')
  })
})

describe('degenerate models', () => {
  it('writes an empty document, an empty list and a table without columns or rows in both formats', async () => {
    const doc: DocumentModel = {
      lang: 'ja',
      title: '',
      blocks: [
        { kind: 'table', columns: [], rows: [['lost']] },
        { kind: 'table', columns: [{ header: '見出し', width: 0 }], rows: [] },
        { kind: 'list', ordered: true, items: [] },
        { kind: 'address', lines: ['', '  '] },
      ],
    }
    for (const d of [doc, { ...doc, blocks: [] }]) {
      expect((await pdfText(await renderPdf(d))).totalPages).toBe(1)
      expect(docxText(await docxBody(await renderDocx(d)))).not.toContain('lost')
    }
  })
})

describe('safeText', () => {
  it.each([
    ['a\r\nb\rc', 'a\nb\nc'],
    ['tab\there', 'tab here'],
    ['\u202Eabc\u202C', 'abc'],
    ['ok \uD83D\uDE00', 'ok \uD83D\uDE00'],
    ['bad \uDE00', 'bad '],
  ])('%j → %j', (input, out) => {
    expect(safeText(input)).toBe(out)
  })

  it('cuts very long text with an ellipsis', () => {
    const out = safeText('y'.repeat(MAX_TEXT + 10))
    expect(out.length).toBe(MAX_TEXT + 1)
    expect(out.endsWith('…')).toBe(true)
  })
})
