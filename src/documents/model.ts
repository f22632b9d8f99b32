/**
 * The one neutral document model every written report shares (letters to manufacturers now; the acceptance report,
 * BCP and checklist later): a title and a flat list of blocks. `renderPdf` and `renderDocx` (./index.ts) turn the same
 * model into a PDF with an embedded Japanese font and into a .docx a hospital can edit in Word, so a report is
 * composed once and never knows how either file is written. Plain text only: no markup, no HTML; renderers strip
 * control characters and wrap long strings.
 *
 * @example
 * const doc: DocumentModel = {
 *   lang: 'ja', title: '開示のお願い',
 *   blocks: [
 *     { kind: 'paragraph', text: '令和8年12月2日', align: 'right' },
 *     { kind: 'heading', level: 1, text: '件名: 開示のお願い', align: 'center' },
 *     { kind: 'table', columns: [{ header: '質問ID', width: 1 }, { header: '内容', width: 4 }], rows: [['PAUT-1', '…']] },
 *   ],
 * }
 */
export interface DocumentModel {
  /** Language of the text: picks line-breaking and the docx language tag. */
  lang: 'ja' | 'en'
  /** Document title (PDF metadata, docx core properties); not printed unless a block prints it. */
  title: string
  /** Who wrote it (PDF Author / docx creator), e.g. the hospital's name. */
  author?: string
  blocks: DocumentBlock[]
}

export type DocumentAlign = 'left' | 'center' | 'right'

/** A heading; level 1 is the document's subject line, 2 a numbered section, 3 a sub-section. */
export interface HeadingBlock {
  kind: 'heading'
  level: 1 | 2 | 3
  text: string
  align?: DocumentAlign
}

/** A paragraph; line breaks in `text` are kept. */
export interface ParagraphBlock {
  kind: 'paragraph'
  text: string
  align?: DocumentAlign
  bold?: boolean
  /** Keep on the same page as the next block (an introducing sentence stays with its table). */
  keepWithNext?: boolean
}

/**
 * A boxed instruction in large bold type, to be read at a glance from a step away (a downtime card's 「まず、これをする」:
 * "unplug the network, not the power"). `danger` draws a red frame, `warning` an amber one.
 */
export interface CalloutBlock {
  kind: 'callout'
  /** A small label above the text inside the box ("まず、これをする"). */
  title?: string
  text: string
  tone: 'danger' | 'warning' | 'info'
}

/** Lines set together without space between them: a letterhead, an address block, a signature. */
export interface AddressBlock {
  kind: 'address'
  lines: string[]
  align?: DocumentAlign
}

/** A bulleted or numbered list of plain items. */
export interface ListBlock {
  kind: 'list'
  ordered: boolean
  items: string[]
}

/** A column: its header and its share of the page width (relative weights, e.g. 1 and 4). */
export interface TableColumn {
  header: string
  width: number
}

/**
 * A simple table: header row repeated on every page the table spans, cells wrap; a row that would not fit on the
 * rest of a page starts on the next one.
 */
export interface TableBlock {
  kind: 'table'
  columns: TableColumn[]
  /** One string per column; missing cells are empty, extra cells are dropped. */
  rows: string[][]
}

/** Vertical space of about one line. */
export interface SpacerBlock {
  kind: 'spacer'
}

export interface PageBreakBlock {
  kind: 'pageBreak'
}

/** Fixed colours of a chart series: the four risk bands, one accent and grey (readable in print). */
export const CHART_COLORS = {
  critical: '#b3261e',
  high: '#e8710a',
  medium: '#f2c230',
  low: '#6b8f71',
  accent: '#1f5f8b',
  grey: '#8a949c',
} as const
export type ChartColor = keyof typeof CHART_COLORS

/** One named series of a chart (a legend entry); `color` defaults to the accent for the first series, then grey. */
export interface ChartSeries {
  name: string
  color?: ChartColor
}

/** One category (bar) or x position (line): one value per series, in the order of `series`. */
export interface ChartPoint {
  label: string
  values: number[]
  /** Shown after the bar instead of the value (e.g. "公表されていません"); a note row has no bar. */
  note?: string
}

/**
 * A small chart drawn as vector graphics in the PDF (labels in the embedded font, so its text stays extractable) and
 * as a table of the same numbers in the .docx, so Word users still see them.
 * - `bar`: one horizontal bar per point (first series), e.g. a percentile per indicator (`max: 100`);
 * - `stackedBar`: one horizontal bar per point made of every series, e.g. devices per risk band;
 * - `line`: the series over the points in order, e.g. the mean risk score per day.
 */
export interface ChartBlock {
  kind: 'chart'
  chart: 'bar' | 'stackedBar' | 'line'
  title: string
  series: ChartSeries[]
  points: ChartPoint[]
  /** Unit of the values, e.g. "台", "点", "%" (shown in the value labels and the docx header). */
  unit?: string
  /** The scale's top; default the largest value (or sum, stacked). */
  max?: number
  /** A dashed reference line across the bars or the line chart, e.g. the median (50) of percentiles. */
  marker?: { value: number; label: string }
}

export type DocumentBlock =
  | CalloutBlock
  | ChartBlock
  | HeadingBlock
  | ParagraphBlock
  | AddressBlock
  | ListBlock
  | TableBlock
  | SpacerBlock
  | PageBreakBlock
