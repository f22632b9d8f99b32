/**
 * English texts of the ledger import's problems (`import.<key>`), located by the caller (file, row, column, value);
 * see ../en.ts. Keys: `file*` for the whole file, `table*` for reading the table, `header*` for the header row,
 * `cell*` for one cell, `row*` for one row, `match*` for rows against the ledger, `preview*` for the preview's own
 * notes. A `{{param}}` that is itself bilingual (a list of accepted values, a key's name) is marked in the caller.
 */
export const importTexts = {
  // The file as a whole (src/importers/device-table.ts, table-csv.ts, table-xlsx.ts, csv-records.ts).
  fileEmpty: 'The file is empty.',
  fileXls:
    'This is an Excel 97–2003 (.xls) file, which is not supported. Save it as .xlsx or CSV in Excel and import that.',
  fileNotXlsx: '"{{file}}" is named .xlsx but is not an Excel workbook (it does not start with a ZIP signature).',
  fileUtf16LeOdd: 'The file is UTF-16 (little-endian) but has an odd number of bytes: it is truncated or damaged.',
  fileUtf16BeOdd: 'The file is UTF-16 (big-endian) but has an odd number of bytes: it is truncated or damaged.',
  fileNotText:
    'The file is not readable text: it is neither UTF-8, UTF-16 nor Shift_JIS. Save it from Excel as "CSV UTF-8 (コンマ区切り)" or as .xlsx.',
  fileBadUtf8: 'The file says it is UTF-8 (it starts with a UTF-8 BOM) but contains bytes that are not UTF-8.',
  fileBinary:
    'The file contains binary data (character U+{{code}} at line {{line}}, position {{col}}); it is not a CSV file, or it is damaged. Export the ledger from Excel as CSV or .xlsx and try again.',
  fileCsvUnreadable: 'The CSV file cannot be read: {{why}} (near line {{line}}).',
  csvUnclosedQuote: 'a quoted cell ("…) is never closed, so the file is probably truncated',
  csvCellTooLarge: 'one cell is larger than {{max}} characters',
  fileTooManyRows: 'The file has {{rows}} rows; at most {{max}} can be imported at once. Split it into smaller files.',
  fileTooManyColumns: 'Row {{row}} has {{columns}} columns; at most {{max}} are supported. Is this the right file?',
  xlsxDamaged:
    'The Excel file is damaged or incomplete and cannot be opened ({{why}}). Open it in Excel, save it again as .xlsx, and retry.',
  xlsxNoSheet: 'The workbook has no worksheet with data.',
  xlsxSeveralSheets: 'The workbook has {{sheets}} worksheets with data; only the first, "{{sheet}}", is imported.',
  xlsxErrorCell: 'Cell {{cell}} holds the Excel error {{error}}; it is read as empty.',
  xlsxTooManyColumns: 'Row {{row}} uses more than {{max}} columns; is this the right worksheet?',
  xlsxTooManyRows: 'The worksheet has more than {{max}} rows; split it into smaller files.',
  fileNoRows: 'The file has no rows.',
  fileNoDataRows: 'The file has a header but no data rows.',

  // The header row (src/importers/device-columns.ts, services/import/plan.ts).
  headerBelowTitle: 'The header was found on row {{row}}; the {{above}} row(s) above it are ignored.',
  headerNotAField: 'Column {{letter}} "{{header}}" was assigned to "{{chosen}}", which is not a ledger field.',
  headerCustomNoName: 'Column {{letter}}: a custom column needs a name after the prefix, e.g. "custom:予算".',
  headerUnknown:
    'Column {{letter}} "{{header}}" is not a ledger field and is ignored. Rename it to a known header, or prefix it with "custom:" / "カスタム:" to keep it as a user-defined field.',
  headerDuplicate:
    'Columns {{letterA}} "{{headerA}}" and {{letterB}} "{{headerB}}" both set {{field}}. Delete or rename one of them.',
  headerNoKnownColumn:
    'No known column in the first row. The first row must be the header, e.g. 資産番号, 製造販売業者, 型式, IPアドレス (or Asset Tag, Manufacturer, Model, IP Addresses).',

  // One cell (src/core/ledger/cells.ts).
  cellNotInList: '"{{value}}" is not one of the accepted values: {{accepted}}.',
  cellNotYesNo: '"{{value}}" is not a yes/no value. Use はい/いいえ, ○/×, yes/no or true/false.',
  cellNotWholeNumber: '"{{value}}" is not a whole number.',
  cellOutOfRange: '{{n}} is out of range ({{min}}–{{max}}).',
  cellNotProximity: '"{{value}}" is not a proximity level. Use 0 (implanted) to 4 (no patient contact).',
  cellProximityOutOfRange: '{{n}} is out of range: proximity levels are 0 (implanted) to 4 (no patient contact).',
  cellYearOutOfRange: '"{{value}}": year {{year}} is out of range (1900–2200).',
  cellNotRealDate: '"{{value}}" is not a real calendar date ({{date}}).',
  cellNotRealDateIso: '"{{value}}" is not a real calendar date ({{date}}).',
  cellEraYear: '"{{value}}": era year must be 1 (元) or more.',
  cellNotADate: '"{{value}}" is not a date. Use YYYY-MM-DD (2023-04-01), YYYY/MM/DD, 2023年4月1日 or 令和5年4月1日.',
  cellPort: 'port {{why}}',

  // One row (src/importers/device-rows-validate.ts, services/import/plan.ts).
  rowLifeYears: 'Read as {{years}} years after the installation date: {{date}}.',
  rowLifeYearsNoStart:
    '"{{value}}" looks like a service life in years, but the row has no valid installation date (導入日) to count from. Write the end date instead.',
  rowCategoryFromName:
    '"{{value}}" is not a known category; the device name "{{name}}" says {{category}}, so that is used.',
  rowCategoryOther:
    '"{{value}}" is not a known category; the device is imported as "other" (その他). Change the category later on the device page.',
  rowNoKey:
    'The row has no asset tag, serial number or MAC address, so a later import cannot recognise this device again; it is always created as new.',
  rowTooWide: 'The row has {{cells}} cells but the header only {{width}}; cells right of the header are ignored.',
  rowDuplicateKey:
    'The same {{key}} "{{value}}" appears on {{rows}}; each device may appear only once. Keep one of these rows.',
  rowDuplicateKeyMany:
    'The same {{key}} "{{value}}" appears on {{rows}}; each device may appear only once. Keep one of these rows.',

  // A row the API's schema refused (src/importers/schema-issue-ja.ts): the Japanese half of zod's English message.
  schemaTooLong: '{{where}} is too long; use at most {{max}} characters.',
  schemaTooMany: '{{where}} has too many values; use at most {{max}}.',
  schemaTooBig: '{{where}} is too large; use at most {{max}}.',
  schemaEmpty: '{{where}} is empty; enter a value.',
  schemaTooShort: '{{where}} is too short; use at least {{min}} characters.',
  schemaTooFew: '{{where}} has too few values; use at least {{min}}.',
  schemaTooSmall: '{{where}} is too small; use at least {{min}}.',
  schemaBadType: '{{where}} has a value of the wrong kind.',
  schemaNotInList: '{{where}} is not one of the accepted values ({{accepted}}).',
  schemaNotADate: '{{where}} is not a date; write it like 2023-04-01.',
  schemaBadFormat: '{{where}} is not written correctly.',
  schemaNotRealDate: '{{where}} is not a real calendar date.',
  schemaInvalid: '{{where}} is not valid.',

  // Rows against the ledger (src/core/ledger/matching.ts).
  matchSeveralDevices:
    '{{devices}} devices in the ledger have this {{key}}; which one to update is unclear. Fix the ledger first.',
  matchKeyClash:
    'This row matches the device with {{match}} by {{by}}, but its {{clashKey}} "{{value}}" belongs to another device ({{other}}). Correct the row or the ledger.',
  matchSameDevice: '{{rows}} all match the same ledger device ({{device}}); each device may appear only once.',

  // What changed between the preview and the commit: the {{detail}} of errors.IMPORT_STALE (services/import/commit.ts).
  staleAddedOrRemoved: '{{n}} matching device(s) added or removed',
  staleAdded: 'device {{device}} was added',
  staleEdited: 'device {{device}} was edited',

  // The preview's own notes (src/services/import/preview.ts).
  previewMoreProblems: '{{more}} more problems are not listed; fix the ones above and preview again.',
  previewRepeated: '{{message}} ({{n}} rows: {{shown}})',
} as const
