/**
 * The chart block of the documents seam: drawn as vector graphics in the PDF with its labels in the embedded font
 * (extractable), and as a table of the same numbers in the .docx; empty, odd and hostile values never break a file.
 */
import { describe, expect, it } from 'vitest'
import { renderDocx, renderPdf } from '../../src/documents/index.js'
import type { ChartBlock, DocumentModel } from '../../src/documents/model.js'
import { docxBody, docxText, pdfText } from '../documents/read-back.js'

const bands: ChartBlock = {
  kind: 'chart',
  chart: 'stackedBar',
  title: 'リスク区分ごとの機器の台数',
  unit: '台',
  series: [
    { name: '緊急', color: 'critical' },
    { name: '高', color: 'high' },
    { name: '中', color: 'medium' },
    { name: '低', color: 'low' },
  ],
  points: [{ label: '全機器', values: [2, 3, 4, 3] }],
}
const percentiles: ChartBlock = {
  kind: 'chart',
  chart: 'bar',
  title: 'Position per indicator',
  max: 100,
  marker: { value: 50, label: 'middle (50)' },
  series: [{ name: 'Percentile' }],
  points: [
    { label: 'Owner and location filled in', values: [72] },
    { label: 'Median days to close high findings', values: [0], note: 'not published (too few hospitals)' },
  ],
}
const line: ChartBlock = {
  kind: 'chart',
  chart: 'line',
  title: '平均リスクスコアの推移',
  unit: '点',
  series: [{ name: '平均スコア' }],
  points: Array.from({ length: 90 }, (_, i) => ({ label: `d${i}`, values: [50 - i / 10] })),
}
const doc = (...blocks: ChartBlock[]): DocumentModel => ({ lang: 'ja', title: 'charts', blocks })

describe('chart block', () => {
  it('draws bars and lines as vector paths, with labels and values extractable', async () => {
    const pdf = await renderPdf(doc(bands, percentiles, line))
    const { pages, totalPages } = await pdfText(pdf)
    expect(totalPages).toBe(1)
    const all = pages.join('').replace(/\s+/g, '')
    for (const s of [
      'リスク区分ごとの機器の台数',
      '緊急2台',
      '低3台',
      '全機器',
      '12台',
      'Owner',
      '72',
      'notpublished',
      'middle(50)',
      '平均リスクスコアの推移',
      'd0',
      'd89',
      '25',
    ])
      expect(all).toContain(s)
    expect(pdf.toString('latin1')).toContain('/FontFile2')
  })

  it('writes the same numbers as a table in the .docx, one column per series', async () => {
    const body = docxText(await docxBody(await renderDocx(doc(bands, percentiles))))
    expect(body).toContain('リスク区分ごとの機器の台数')
    expect(body).toContain('緊急 (台)高 (台)中 (台)低 (台)全機器2343')
    expect(body).toContain('Owner and location filled in72')
    expect(body).toContain('Median days to close high findingsnot published (too few hospitals)')
  })

  it('survives no points, a single line point, negative, NaN and huge values and hostile labels', async () => {
    const odd: ChartBlock[] = [
      { ...bands, points: [] },
      { ...line, points: [{ label: 'only', values: [3] }] },
      {
        ...percentiles,
        max: undefined,
        marker: undefined,
        points: [{ label: `=HYPERLINK("x")\u0000${'長'.repeat(300)}`, values: [Number.NaN] }],
      },
      { ...bands, points: [{ label: 'neg', values: [-5, 1e12, Number.POSITIVE_INFINITY, 0] }] },
    ]
    const { totalPages, pages } = await pdfText(await renderPdf(doc(...odd)))
    expect(totalPages).toBe(1)
    expect(pages.join('')).toContain('only')
    const body = docxText(await docxBody(await renderDocx(doc(...odd))))
    expect(body).toContain('only3')
  })
})
