import type { ManufacturerQuestionOut } from '../src/core/disclosures/disclosure.js'
import { letterToDocx, letterToPdf } from '../src/reports/letters/index.js'
import type { LetterInput } from '../src/reports/letters/letter-input.js'
import { type ComparedModel, modelComparisonXlsx } from '../src/reports/model-comparison.js'
import { buildLetterInput } from '../test/documents/letter-input.js'
import { type BenchContext, type BenchReport, metric } from './lib.js'

/**
 * Letters to manufacturers and the comparison workbook: how long a letter takes to write as PDF (font subsetting
 * included) and .docx, how big the PDF is (a one-page letter must stay well under 1 MB although the embedded font
 * is 4.5 MB a weight), and a long letter (200 questions) and a 3-model × 225-question workbook. Each figure is the
 * median of 5 runs after one warm-up (the first run also parses the font).
 */
export const title = 'Letters (PDF/.docx) and model comparison (.xlsx)'

const RUNS = 5

function question(i: number): ManufacturerQuestionOut {
  return {
    questionId: `PAUT-${i + 1}`,
    reason: 'unanswered',
    textJa: `設問 PAUT-${i + 1} に回答がありません。利用者ごとに固有のアカウントを設定できるかどうか、ご回答ください。`,
    textEn: `Question PAUT-${i + 1} is unanswered. Please tell us whether each user can have a unique account.`,
    citations: [{ questionId: `PAUT-${i + 1}`, answer: 'unanswered', comment: null }],
  }
}

/** The tests' sample letter (test/documents/letter-input.ts) with `questions` open questions. */
function letter(lang: 'ja' | 'en', questions: number): LetterInput {
  const sample = buildLetterInput()
  return buildLetterInput({
    lang,
    missing: ['sbom', 'cvd'],
    questions: Array.from({ length: questions }, (_, i) => question(i)),
    discrepancies: sample.discrepancies.slice(0, 1),
  })
}

async function median(fn: () => Promise<Buffer>): Promise<{ ms: number; bytes: number }> {
  let bytes = (await fn()).length
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    bytes = (await fn()).length
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(RUNS / 2)] ?? 0, bytes }
}

export async function run(ctx: BenchContext): Promise<BenchReport> {
  ctx.log('letters: one-page Japanese and English letters')
  const ja = await median(() => letterToPdf(letter('ja', 2)))
  const en = await median(() => letterToPdf(letter('en', 2)))
  const docx = await median(() => letterToDocx(letter('ja', 2)))
  ctx.log('letters: 200 questions')
  const long = await median(() => letterToPdf(letter('ja', 200)))
  ctx.log('comparison: 3 models × 225 questions')
  const questions = Array.from({ length: 225 }, (_, i) => ({
    id: `Q-${i + 1}`,
    section: 'PAUT',
    textJa: `設問 ${i + 1}`,
    textEn: `Question ${i + 1}`,
  }))
  const models: ComparedModel[] = ['A', 'B', 'C'].map((label, m) => ({
    label,
    vendor: label,
    name: label,
    disclosure: { form: 'mds2-2019', documentId: null, releaseDate: null },
    answers: Object.fromEntries(
      questions.map((q, i) => [
        q.id,
        { value: (i + m) % 3 === 0 ? 'no' : 'yes', comment: i % 7 === 0 ? 'See Note 1' : null },
      ]),
    ),
    evaluation: null,
    declaredPorts: [],
  }))
  const xlsx = await median(() => modelComparisonXlsx({ lang: 'ja', models, questions }))
  return {
    metrics: [
      metric('Japanese letter PDF (2 questions)', ja.ms, 'ms'),
      metric('Japanese letter PDF size', ja.bytes / 1024, 'KB', { max: 1024 }),
      metric('English letter PDF (2 questions)', en.ms, 'ms'),
      metric('English letter PDF size', en.bytes / 1024, 'KB', { max: 1024 }),
      metric('Japanese letter .docx', docx.ms, 'ms'),
      metric('letter PDF, 200 questions', long.ms, 'ms'),
      metric('letter PDF size, 200 questions', long.bytes / 1024, 'KB'),
      metric('comparison .xlsx, 3 models × 225 questions', xlsx.ms, 'ms'),
    ],
    notes: [
      `median of ${RUNS} runs after a warm-up; the font (BIZ UDPGothic, regular and bold) is subset-embedded in every PDF`,
    ],
  }
}
