/**
 * Where the answers sit in a JAHIS/JIRA MDS/SDS check sheet (製造業者/サービス事業者による医療情報セキュリティ開示書).
 * The real Ver.5.0 workbook layout is not public (see docs/decisions/0024-disclosure-readers.md), so the layout is
 * data a hospital can adjust: which sheet, which row holds the headers, which columns hold the item number, the
 * question, the answer (はい/いいえ/対象外) and the remarks, and which labels on a cover sheet hold the maker and
 * product. The reader (src/importers/disclosures/mds-sds-reader.ts) finds columns by header text unless a letter
 * is given.
 */

/** A column: a fixed letter ("C"), or header texts to look for (compared without spaces, full-width or case). */
export interface MappingColumn {
  letter?: string
  headers?: readonly string[]
}

export interface MdsSdsMapping {
  /** Stable id, shown in problems ("jahis-mds-sds-5.0-inferred"). */
  id: string
  label: { ja: string; en: string }
  /** True when the layout is our inference, not read from a real form: the reader then warns `mappingInferred`. */
  inferred: boolean
  /** Sheet names to try first (compared loosely); when none matches, every sheet whose header row is found. */
  sheetNames: readonly string[]
  /** 1-based header row; null = the first row within `headerSearchRows` that holds the item-id and answer headers. */
  headerRow: number | null
  headerSearchRows: number
  columns: {
    itemId: MappingColumn
    question: MappingColumn
    answer: MappingColumn
    remarks?: MappingColumn
  }
  /** Answer words (compared after NFKC, trimmed, lower case). */
  answers: { yes: readonly string[]; no: readonly string[]; na: readonly string[] }
  /** Cover labels: the value is the next non-empty cell to the right of (or below) the label. */
  cover: {
    manufacturer: readonly string[]
    product: readonly string[]
    model: readonly string[]
    documentId: readonly string[]
    contact: readonly string[]
    date: readonly string[]
  }
}

/**
 * The built-in mapping for MDS/SDS Ver.5.0 (JAHIS標準 24-005), INFERRED: public sources give only the answer values
 * (はい/いいえ/対象外) and that items carry notes; the sheet names and column headers below are the usual words of
 * Japanese check sheets, not read from the real form. Adjust them once a real file is at hand.
 */
export const MDS_SDS_V5_INFERRED: MdsSdsMapping = {
  id: 'jahis-mds-sds-5.0-inferred',
  label: { ja: 'MDS/SDS Ver.5.0(推定の対応表)', en: 'MDS/SDS Ver.5.0 (inferred mapping)' },
  inferred: true,
  sheetNames: ['MDS', 'SDS', 'MDS/SDS', 'チェックシート', 'チェックリスト', '開示書'],
  headerRow: null,
  headerSearchRows: 30,
  columns: {
    itemId: { headers: ['項番', '項目番号', '番号', 'No.', 'No', 'ID', '項目ID'] },
    question: { headers: ['確認項目', 'チェック項目', '質問', '項目', '内容', '確認内容', '要求事項'] },
    answer: { headers: ['回答', '回答欄', '選択', 'はい/いいえ/対象外', '対応状況', '該当'] },
    remarks: { headers: ['備考', '補足', 'コメント', '説明', '補足説明', '注記'] },
  },
  answers: {
    yes: ['はい', 'yes', '○', '〇', '対応', '対応済'],
    no: ['いいえ', 'no', '×', '未対応'],
    na: ['対象外', '該当なし', 'n/a', 'na', '-', '―', '非該当'],
  },
  cover: {
    manufacturer: ['製造業者名', '製造業者', '事業者名', 'サービス事業者名', '会社名'],
    product: ['製品名', 'サービス名', 'システム名', '製品・サービス名'],
    model: ['型式', 'バージョン', '製品バージョン', '版数'],
    documentId: ['文書番号', '管理番号', '開示書番号'],
    contact: ['連絡先', '問い合わせ先', '問合せ先', '担当部署'],
    date: ['記入日', '作成日', '発行日', '提出日'],
  },
}
