import type { ChecklistView } from '../../../api/checklist.js'
import type { DocumentModel } from '../../documents/index.js'
import { renderPdf } from '../../documents/index.js'
import { EVIDENCE_HEADERS, evidenceRows, formRows, HEADERS, headLines, type Lang } from './layout.js'

/** The document model of the checklist (form table, then the evidence table); also used by the inspection pack. */
export function checklistDocument(view: ChecklistView, lang: Lang, today: string): DocumentModel {
  const [title, ...rest] = headLines(view, lang, today)
  const widths = [1.1, 5.6, 1.6, 1.1, 1.1, 2, 2, 2.6]
  const ev = evidenceRows(view, lang)
  return {
    lang,
    title: title!,
    blocks: [
      { kind: 'heading', level: 1, text: title!, align: 'center' },
      { kind: 'address', lines: rest },
      { kind: 'spacer' },
      {
        kind: 'table',
        columns: HEADERS[lang].map((header, i) => ({ header, width: widths[i]! })),
        rows: formRows(view, lang),
      },
      ...(ev.length > 0
        ? ([
            { kind: 'pageBreak' },
            {
              kind: 'heading',
              level: 2,
              text: lang === 'ja' ? '根拠(Mamori が保有するデータ)' : "Evidence (Mamori's own data)",
            },
            {
              kind: 'paragraph',
              text:
                lang === 'ja'
                  ? '以下は台帳・ネットワーク探索・開示書・脆弱性情報から Mamori が示す示唆です。回答は担当者が確認して決めます。'
                  : 'Suggestions Mamori draws from the ledger, discovery, disclosures and advisories; a person confirms each answer.',
              keepWithNext: true,
            },
            {
              kind: 'table',
              columns: EVIDENCE_HEADERS[lang]
                .slice(0, 5)
                .map((header, i) => ({ header, width: [1, 4, 1.8, 4, 4][i]! })),
              rows: ev.map((r) => r.slice(0, 5)),
            },
          ] as DocumentModel['blocks'])
        : []),
    ],
  }
}

export const checklistPdf = (view: ChecklistView, lang: Lang, today: string): Promise<Buffer> =>
  renderPdf(checklistDocument(view, lang, today))
