import { describe, expect, it } from 'vitest'
import { buildLetterInput } from '../../test/documents/letter-input.js'
import { docxBody, docxText, pdfText } from '../../test/documents/read-back.js'
import { MEDIA_TYPES } from '../core/report-format.js'
import { REPORT_FORMATS, reportFormat } from './formats.js'

describe('document formats in the report registry', () => {
  it('registers the letter as PDF and Word and the model comparison as Excel', () => {
    expect(REPORT_FORMATS.letter.map((f) => f.id)).toEqual(['letter-pdf', 'letter-docx'])
    expect(REPORT_FORMATS['model-comparison'].map((f) => f.id)).toEqual(['model-comparison-xlsx'])
    expect(reportFormat('letter', 'docx')?.mediaType).toBe(MEDIA_TYPES.docx)
  })

  it("writes the letter in the format's language, whatever the input said", async () => {
    const { lang: _, ...input } = buildLetterInput()
    const pdf = await reportFormat('letter', 'pdf')!.render(input, 'en')
    expect((await pdfText(Buffer.from(pdf))).pages.join('\n')).toContain('Dear Sir or Madam')
    const docx = await reportFormat('letter', 'docx')!.render(input, 'ja')
    expect(docxText(await docxBody(Buffer.from(docx)))).toContain('拝啓')
  })

  it('writes the comparison workbook', async () => {
    const xlsx = await reportFormat('model-comparison', 'xlsx')!.render(
      {
        models: [
          { label: 'A', vendor: 'A', name: 'A', disclosure: null, answers: {}, evaluation: null, declaredPorts: [] },
        ],
        questions: [],
      },
      'en',
    )
    expect(Buffer.from(xlsx).subarray(0, 2).toString()).toBe('PK')
  })
})
