import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { DisclosureEvaluation } from '../core/disclosures/disclosure.js'
import { MamoriError } from '../core/errors.js'
import { type ComparedModel, type ModelComparisonInput, modelComparisonXlsx } from './model-comparison.js'

const questions = [
  { id: 'DOC-8', section: 'DOC', textJa: '脆弱性開示の方針はありますか', textEn: 'Is there a CVD program?' },
  { id: 'PAUT-1', section: 'PAUT', textJa: '固有のアカウントを設定できますか', textEn: 'Unique accounts?' },
  { id: 'SBOM-1', section: 'SBOM', textJa: 'SBOM はありますか', textEn: 'Is there an SBOM?' },
]

const evaluation: DisclosureEvaluation = {
  findings: [
    {
      ruleId: 'paut-no-unique-accounts',
      severity: 'high',
      titleJa: '利用者ごとのアカウントがありません',
      titleEn: 'No unique user accounts',
      detailJa: '=cmd|"/c calc"!A1',
      detailEn: '=cmd|"/c calc"!A1',
      recommendationJa: 'アカウント管理を運用で補ってください',
      recommendationEn: 'Manage accounts procedurally',
      citations: [{ questionId: 'PAUT-1', answer: 'no', comment: null }],
    },
  ],
  controls: [
    {
      controlId: 'account-management',
      titleJa: 'アカウント管理',
      titleEn: 'Account management',
      detailJa: '',
      detailEn: '',
      checklistItem: '2-⑬',
      guidelineRef: null,
      citations: [],
    },
  ],
  questions: [],
}

function model(label: string, overrides: Partial<ComparedModel>): ComparedModel {
  return {
    label,
    vendor: label.split(' ')[0] ?? label,
    name: label,
    disclosure: { form: 'mds2-2019', documentId: `${label}-MDS2`, releaseDate: '2024-04-01' },
    answers: {},
    evaluation,
    declaredPorts: [],
    ...overrides,
  }
}

const input: ModelComparisonInput = {
  lang: 'ja',
  questions,
  models: [
    model('Terumo TE-171', {
      answers: {
        'DOC-8': { value: 'yes', comment: null },
        'PAUT-1': { value: 'no', comment: '=HYPERLINK("http://evil")' },
        'SBOM-1': { value: 'yes', comment: null },
      },
      declaredPorts: [{ port: 443, transport: 'tcp', direction: 'in', service: 'HTTPS', purpose: null, tls: true }],
    }),
    model('Baxter Spectrum', {
      answers: {
        'DOC-8': { value: 'yes', comment: null },
        'PAUT-1': { value: 'yes', comment: '+LDAP' },
        'X-EXTRA': { value: 'na', comment: null },
      },
    }),
    model('Nihon Kohden X', { disclosure: null, evaluation: null }),
  ],
}

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(new Uint8Array(buf).buffer)
  return wb
}

const text = (ws: ExcelJS.Worksheet, row: number, col: number) => String(ws.getRow(row).getCell(col).value ?? '')
const fillOf = (ws: ExcelJS.Worksheet, row: number, col: number) => {
  const f = ws.getRow(row).getCell(col).fill
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined
}
const rowOf = (ws: ExcelJS.Worksheet, first: string) => {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws, r, 1) === first) return r
  throw new Error(`no row ${first}`)
}

describe('modelComparisonXlsx', () => {
  it('sums up three models side by side: findings by severity, controls, SBOM, CVD, ports, what each lacks', async () => {
    const wb = await read(await modelComparisonXlsx(input))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '回答の比較', '検出事項'])
    const ws = wb.getWorksheet('概要')!
    expect([text(ws, 1, 2), text(ws, 1, 3), text(ws, 1, 4)]).toEqual([
      'Terumo TE-171',
      'Baxter Spectrum',
      'Nihon Kohden X',
    ])
    const high = rowOf(ws, '検出事項: 高')
    expect([text(ws, high, 2), text(ws, high, 4)]).toEqual(['1', '—'])
    const sbom = rowOf(ws, 'SBOM あり (SBOM-1)')
    expect([text(ws, sbom, 2), text(ws, sbom, 3), text(ws, sbom, 4)]).toEqual(['はい', '不明', '開示資料なし'])
    expect(text(ws, rowOf(ws, '開示された通信ポート（一覧）'), 2)).toBe('443/tcp HTTPS')
    expect(text(ws, rowOf(ws, '回答済みの設問'), 3)).toBe('2 / 3')
    const lacks = rowOf(ws, '欠けているもの')
    expect(text(ws, lacks, 2)).toBe('なし')
    expect(text(ws, lacks, 3)).toBe('SBOM\n通信ポートの一覧\n未回答の設問 1 問')
    expect(fillOf(ws, lacks, 3)).toBe('FFFCE4E4')
    expect(fillOf(ws, lacks, 2)).toBeUndefined()
  })

  it('marks answers that differ between models and answers that are missing', async () => {
    const ws = (await read(await modelComparisonXlsx(input))).getWorksheet('回答の比較')!
    const paut = rowOf(ws, 'PAUT-1')
    expect(text(ws, paut, 3)).toBe('固有のアカウントを設定できますか')
    expect(text(ws, paut, 5)).toBe('はい: +LDAP')
    expect(text(ws, paut, 6)).toBe('開示資料なし')
    expect(fillOf(ws, paut, 4)).toBe('FFFFF2CC')
    expect(fillOf(ws, paut, 6)).toBe('FFFCE4E4')
    expect(text(ws, paut, 7)).toBe('モデルにより異なる / 未回答')
    // Answers outside the question set are kept after it.
    expect(text(ws, ws.rowCount, 1)).toBe('X-EXTRA')
    const same = (await read(await modelComparisonXlsx({ ...input, models: input.models.slice(0, 2) }))).getWorksheet(
      '回答の比較',
    )!
    const doc8 = rowOf(same, 'DOC-8')
    expect(text(same, doc8, 6)).toBe('同じ')
    expect(fillOf(same, doc8, 4)).toBeUndefined()
  })

  it('guards every text cell that a spreadsheet could run as a formula', async () => {
    const wb = await read(await modelComparisonXlsx(input))
    const answers = wb.getWorksheet('回答の比較')!
    expect(text(answers, rowOf(answers, 'PAUT-1'), 4)).toBe('いいえ: =HYPERLINK("http://evil")')
    const findings = wb.getWorksheet('検出事項')!
    expect(text(findings, 2, 5)).toBe(`'=cmd|"/c calc"!A1`)
    expect(text(findings, 2, 7)).toBe('PAUT-1: いいえ')
    const hostile = await read(
      await modelComparisonXlsx({ ...input, models: [model('=1+1', { vendor: '@SUM(A1)', name: '-2+3' })] }),
    )
    const summary = hostile.getWorksheet('概要')!
    expect([text(summary, 1, 2), text(summary, 2, 2), text(summary, 3, 2)]).toEqual(["'=1+1", "'@SUM(A1)", "'-2+3"])
    for (const ws of hostile.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
        })
      })
    }
  })

  it('writes English labels and lists findings per model, saying when a model could not be evaluated', async () => {
    const wb = await read(await modelComparisonXlsx({ ...input, lang: 'en' }))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Answers', 'Findings'])
    const f = wb.getWorksheet('Findings')!
    expect(text(f, 1, 4)).toBe('Finding')
    expect([text(f, 2, 2), text(f, 2, 4)]).toEqual(['High', 'No unique user accounts'])
    expect(text(f, f.rowCount, 4)).toBe('No disclosure, so nothing could be evaluated')
  })

  it('refuses an empty comparison with a clear error', async () => {
    await expect(modelComparisonXlsx({ ...input, models: [] })).rejects.toBeInstanceOf(MamoriError)
  })
})
