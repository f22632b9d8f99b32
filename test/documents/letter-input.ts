import type { ManufacturerQuestionOut } from '../../src/core/disclosures/disclosure.js'
import type { LetterInput } from '../../src/reports/letters/letter-input.js'

/** A letter input for tests: a fictional hospital writing to Terumo about an infusion pump; override any part. */
export function buildLetterInput(overrides: Partial<LetterInput> = {}): LetterInput {
  return {
    lang: 'ja',
    date: '2026-12-02',
    hospital: {
      name: '守り総合病院',
      department: '臨床工学部',
      address: '〒100-0001 東京都千代田区千代田1-1',
      contactPerson: '山田 花子',
      email: 'ce@mamori-hospital.example',
      phone: '03-0000-0000',
    },
    recipient: { manufacturer: 'テルモ株式会社', department: '品質保証部' },
    model: { vendor: 'Terumo', name: '輸液ポンプ TE-171' },
    disclosure: { form: 'mds2-2019', documentId: 'TE-MDS2-0042', releaseDate: '2024-04-01' },
    missing: ['sbom', 'declared-ports', 'cvd'],
    questions: [
      buildQuestion({ questionId: 'PAUT-1' }),
      buildQuestion({
        questionId: 'SBOM-1',
        reason: 'contradiction',
        textJa: 'SBOM-1 は「いいえ」ですが SBOM-2 は「はい」です。SBOM があるかどうかご確認ください。',
        textEn: 'SBOM-1 says no but SBOM-2 says yes. Please confirm whether an SBOM exists.',
        citations: [
          { questionId: 'SBOM-1', answer: 'no', comment: null },
          { questionId: 'SBOM-2', answer: 'yes', comment: 'CycloneDX' },
        ],
      }),
    ],
    discrepancies: [
      { device: '輸液ポンプ 3F-01', port: 23, transport: 'tcp', status: 'undeclared-open', service: 'telnet' },
      { device: '輸液ポンプ 3F-02', port: 80, transport: 'tcp', status: 'cleartext-where-tls', service: 'http' },
    ],
    ...overrides,
  }
}

export function buildQuestion(overrides: Partial<ManufacturerQuestionOut> = {}): ManufacturerQuestionOut {
  return {
    questionId: 'PAUT-1',
    reason: 'unanswered',
    textJa: '利用者ごとに固有のアカウントを設定できるかどうか、回答がありません。ご回答ください。',
    textEn: 'There is no answer on whether each user can have a unique account. Please answer.',
    citations: [{ questionId: 'PAUT-1', answer: 'unanswered', comment: null }],
    ...overrides,
  }
}
