/**
 * The one document writer seam (ADR 0026): reports compose a `DocumentModel` once and get a PDF (embedded Japanese
 * font, extractable text) or a .docx from the same model. Spreadsheet helpers for reports built on exceljs live in
 * ./xlsx.ts.
 */
export { renderDocx } from './docx.js'
export { DOCX_FONT, japaneseFont } from './fonts.js'
export { assertDocumentLang } from './lang.js'
export type * from './model.js'
export { renderPdf } from './pdf.js'
export { MAX_TEXT, safeText } from './text.js'
export { FILLS, fill, headerRow, textRow, xlsxText } from './xlsx.js'
