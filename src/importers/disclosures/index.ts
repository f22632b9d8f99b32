import type { DisclosureForm, DisclosureProblem, ParsedDisclosure } from '../../core/disclosures/disclosure.js'
import { MDS_SDS_V5_INFERRED, type MdsSdsMapping } from '../../core/disclosures/mds-sds-mapping.js'
import { questionSet } from '../../core/disclosures/questions/index.js'
import { readCsvGrid } from './csv-grid.js'
import { fileKind } from './file-kind.js'
import { clean, type Grid, labelKey } from './grid.js'
import { readMdsSds } from './mds-sds-reader.js'
import { emptyHeader } from './mds2-header.js'
import { mds2FormOf, readMds2Sheet } from './mds2-reader.js'
import { clip, fileProblem } from './problems.js'
import { readXlsxGrids } from './xlsx-grid.js'

export { answersFromManualEntry, type ManualEntry } from './manual-entry.js'
export { readDeclaredPortsTemplate } from './ports-template.js'

export interface ReadDisclosureInput {
  bytes: Uint8Array
  fileName: string
  /** Which form the file is; 'auto' (default) decides from the content. */
  form?: DisclosureForm | 'auto'
  /** How to read a JAHIS MDS/SDS sheet; default: the built-in Ver.5.0 mapping (inferred). */
  mdsSdsMapping?: MdsSdsMapping
}

/**
 * A manufacturer's disclosure file → ParsedDisclosure. Never throws for bad input: an `error` problem means "store
 * nothing" and the other problems found are still returned. The kind of file comes from its bytes (xlsx/xlsm,
 * password-protected or old .xls, CSV in Shift_JIS/UTF-8/UTF-16), the form from its content: an MDS2 2019 sheet
 * (`mds2-form`, DOC/CONN/SBOM/RMOT ids), an MDS2 2013 sheet (section-numbered ids, CNFS), or a sheet matching the
 * MDS/SDS mapping. See docs/decisions/0024-disclosure-readers.md.
 * @example const parsed = await readDisclosure({ bytes, fileName: 'SP-2000_MDS2.xlsx' })
 *          if (!parsed.problems.some((p) => p.severity === 'error')) store(parsed)
 */
export async function readDisclosure(input: ReadDisclosureInput): Promise<ParsedDisclosure> {
  const form = input.form ?? 'auto'
  const file = input.fileName
  try {
    const kind = fileKind(input.bytes)
    if (kind === 'empty') return failed(form, [fileProblem('error', 'fileEmpty', { file })])
    if (kind === 'encrypted') return failed(form, [fileProblem('error', 'fileEncrypted', { file })])
    if (kind === 'xls') return failed(form, [fileProblem('error', 'fileXls', { file })])
    if (kind === 'office-other') return failed(form, [fileProblem('error', 'fileUnknownBinary', { file })])
    let grids: Grid[]
    const problems: DisclosureProblem[] = []
    if (kind === 'xlsx') {
      const read = await readXlsxGrids(input.bytes, file)
      problems.push(...read.problems)
      grids = read.grids
    } else {
      const read = readCsvGrid(input.bytes, file)
      problems.push(...read.problems)
      grids = read.grid ? [read.grid] : []
    }
    if (problems.some((p) => p.severity === 'error')) return failed(form, problems)
    const parsed = readForm(grids, form, input.mdsSdsMapping ?? MDS_SDS_V5_INFERRED, file)
    parsed.problems.unshift(...problems)
    return parsed
  } catch (err) {
    // A reader bug must not reach the user as a stack trace: the file is reported as unreadable.
    const why = err instanceof Error ? err.message : String(err)
    return failed(form, [fileProblem('error', 'fileDamaged', { file }, clip(why))])
  }
}

function readForm(
  grids: Grid[],
  form: DisclosureForm | 'auto',
  mapping: MdsSdsMapping,
  file: string,
): ParsedDisclosure {
  if (form === 'mds-sds') return readMdsSds(grids, mapping) ?? notAForm(grids, form, file)
  const wanted = form === 'manual' ? 'mds2-2019' : form
  // MDS2: the sheet named mds2-form first, then the others in workbook order.
  const ordered = [...grids].sort(
    (a, b) => Number(labelKey(b.sheet) === 'mds2-form') - Number(labelKey(a.sheet) === 'mds2-form'),
  )
  for (const g of ordered) {
    const found = mds2FormOf(g)
    if (!found || found === 'manual' || found === 'mds-sds') continue
    if (wanted === 'auto' || wanted === found) return readMds2Sheet(g, found)
  }
  if (wanted !== 'auto') {
    // The caller said which form: read the likeliest sheet as that form (it reports what it cannot find).
    const g = ordered[0]
    return g ? readMds2Sheet(g, wanted) : notAForm(grids, form, file)
  }
  return readMdsSds(grids, mapping) ?? notAForm(grids, form, file)
}

function notAForm(grids: Grid[], form: DisclosureForm | 'auto', file: string): ParsedDisclosure {
  const sheets = grids.map((g) => `"${g.sheet}"`).join(', ') || '-'
  const first = grids.find((g) => g.rows.length > 0)?.rows[0]
  const firstRow = first
    ? clip(
        first.cells
          .map(clean)
          .filter((c) => c !== '')
          .join(' | '),
      )
    : '-'
  return failed(form, [fileProblem('error', 'notAForm', { file, sheets, firstRow }, firstRow)])
}

function failed(form: DisclosureForm | 'auto', problems: DisclosureProblem[]): ParsedDisclosure {
  const f: DisclosureForm = form === 'auto' ? 'mds2-2019' : form
  return {
    form: f,
    header: emptyHeader(),
    answers: [],
    notes: [],
    declaredPorts: [],
    problems,
    questionCount: questionSet(f).filter((q) => q.kind === 'yes-no').length,
  }
}
