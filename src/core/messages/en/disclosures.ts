/**
 * English texts of the disclosure readers' problems (`disclosures.problem.<code>`; src/importers/disclosures/),
 * see ../en.ts. Cell-level texts name the sheet, row and column themselves, so a problem reads whole in the CLI,
 * the API and the problem report. No parameter is called `count` (i18next would look for plural keys).
 */
export const disclosures = {
  // The file as a whole: each stops the import (nothing is stored).
  'problem.fileEmpty': 'The file "{{file}}" is empty.',
  'problem.fileEncrypted':
    '"{{file}}" is a password-protected Excel workbook, which cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear the password), save it, and import it again.',
  'problem.fileXls':
    '"{{file}}" is an old Excel 97–2003 workbook (.xls), which Mamori does not read. Open it in Excel and save it as .xlsx (Excel Workbook), then import that file.',
  'problem.fileUnknownBinary':
    '"{{file}}" is neither an Excel workbook (.xlsx) nor a text (CSV) file. If you have the form as PDF, enter the answers by hand.',
  'problem.fileDamaged':
    'The workbook "{{file}}" is damaged or cut short and cannot be opened. Open it in Excel, save it again as .xlsx, and retry.',
  'problem.fileTooLarge':
    'The workbook "{{file}}" would expand to more than {{mb}} MB when opened. A disclosure form is far smaller: this is not a form (or a file built to overload the server).',
  'problem.fileZipMismatch':
    'The workbook "{{file}}" is built inconsistently (its part "{{entry}}" is described two different ways). Excel does not write such files; save it again from Excel and retry.',
  'problem.fileZipUnsupported':
    'The workbook "{{file}}" uses a password or a compression Excel does not write (part "{{entry}}"). Remove any password in Excel, save it again, and retry.',
  'problem.fileNotText':
    '"{{file}}" is not readable text (neither UTF-8, UTF-16 nor Shift_JIS). Save the form from Excel as .xlsx or as "CSV UTF-8".',
  'problem.fileCsvUnreadable':
    'The CSV file "{{file}}" cannot be read near line {{line}}: a quoted cell is never closed.',
  'problem.notAForm':
    '"{{file}}" is not an MDS2 or MDS/SDS form: no sheet ({{sheets}}) holds MDS2 question ids (such as DOC-1 or MLDP-2.1) or the columns of an MDS/SDS check sheet (item number and answer). Its first row reads: {{firstRow}}.',
  'problem.sheetTooLarge':
    'Sheet "{{sheet}}" uses at least {{rows}} rows and {{columns}} columns; a disclosure form has at most {{maxRows}} rows and {{maxColumns}} columns. Is this the right file?',
  'problem.noQuestions':
    'Sheet "{{sheet}}" was read as {{form}}, but none of its rows holds a question id of that form. Check that the file is the manufacturer’s completed form.',
  // Warnings: stored with the disclosure and shown in the problem report.
  'problem.macrosIgnored':
    'The workbook contains macros (VBA). Mamori read only the answers and ran nothing; the macros were ignored.',
  'problem.idMistyped':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: the question id "{{written}}" is not in the form; it was read as {{id}} (a known misprint).',
  'problem.duplicateQuestion':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: question {{id}} appears again (first in row {{firstRow}}); this row was ignored and the first answer kept.',
  'problem.unknownQuestion':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: "{{id}}" looks like a question id but is not in the {{form}} question set; the row was ignored.',
  'problem.answerNotAllowed':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: the answer "{{value}}" to {{id}} is not Yes, No, N/A or See Notes; it was kept as a comment and the question counts as unanswered.',
  'problem.noteMissing':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: the answer to {{id}} refers to note {{note}}, but the form has no such note.',
  'problem.errorCell':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: the cell holds the Excel error {{error}}; it was read as empty.',
  'problem.dateUnreadable':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: "{{value}}" is not a date Mamori can read (expected e.g. 2024-04-01); the release date was left empty.',
  'problem.questionsMissing':
    '{{missing}} questions of the {{form}} form are not in the file at all (for example {{first}}); they count as unanswered.',
  'problem.portRangeTooLarge':
    'Sheet "{{sheet}}", row {{row}}, column {{column}}: the port range {{range}} is larger than {{max}} ports; it was not added to the declared ports (enter it by hand if it is right).',
  'problem.mappingInferred':
    'Read with the built-in MDS/SDS mapping "{{mapping}}", which is inferred from public descriptions (the JAHIS form layout is not public). Check that item numbers and answers were taken from the right columns; a hospital can adjust the mapping.',
  'problem.mappingColumnMissing':
    'Sheet "{{sheet}}", row {{row}}: the MDS/SDS header row has no column for {{what}} (looked for: {{labels}}).',
  // Manual entry (answers typed in from a PDF).
  'problem.manualUnknownQuestion': 'Entry {{row}}: "{{id}}" is not a question of the {{form}} form. Check the id.',
  'problem.manualDuplicate': 'Entry {{row}}: question {{id}} was entered twice; the first entry was kept.',
  'problem.manualNoteMissing':
    'Entry {{row}}: the answer to {{id}} refers to note {{note}}, but no such note was entered.',
  'problem.manualBadDate':
    'The release date "{{value}}" is not a date Mamori can read (expected e.g. 2024-04-01); it was left empty.',
  // The declared-ports template (docs/disclosure-template/).
  'problem.templateEmpty': '"{{file}}" lists no ports.',
  'problem.templateBadJson':
    '"{{file}}" is not valid JSON ({{why}}). See docs/disclosure-template/declared-ports.json for the expected layout.',
  'problem.templateMissingColumn':
    '"{{file}}" has no column "{{field}}" (required columns: port, transport, direction). See docs/disclosure-template/declared-ports.csv.',
  'problem.templateBadPort':
    '"{{file}}", row {{row}}, field "{{field}}": "{{value}}" is not a port number from 1 to 65535 (or a range such as 5000-5002).',
  'problem.templateBadTransport': '"{{file}}", row {{row}}, field "{{field}}": "{{value}}" is neither tcp nor udp.',
  'problem.templateBadDirection':
    '"{{file}}", row {{row}}, field "{{field}}": "{{value}}" is not in, out or both (in = the device listens; out = the device connects out).',
  'problem.templateBadTls':
    '"{{file}}", row {{row}}, field "{{field}}": "{{value}}" is not yes, no or empty (encrypted with TLS?).',
  'problem.templateDuplicate':
    '"{{file}}", row {{row}}: port {{port}}/{{transport}} ({{direction}}) is listed twice; the first row was kept.',
  'problem.templateRangeTooLarge':
    '"{{file}}", row {{row}}, field "{{field}}": the range {{value}} has more than {{max}} ports; list the ports separately.',
}
