/**
 * Reads real, published MDS2 / MDS/SDS files with the disclosure reader and prints what it found, for checking the
 * reader against forms we may not copy into the repository (NEMA's example worksheet, manufacturers' filled forms).
 * Not part of the test suite: it runs only on files present on this machine.
 *
 *   npx tsx scripts/read-real-disclosures.ts FILE_OR_DIR…      (default: $MAMORI_REAL_DISCLOSURES)
 *
 * Prints per file: the form, the header, answered/unanswered counts, notes, declared ports and every problem in
 * English; exits 1 when a file could not be read (an error problem), so it can gate a manual check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { translate } from '../src/core/messages/translate.js'
import { readDisclosure } from '../src/importers/disclosures/index.js'

const FORM_FILE = /\.(xlsx|xlsm|xls|csv|txt)$/i

function files(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => FORM_FILE.test(f))
          .map((f) => join(p, f))
      : [p],
  )
}

const args = process.argv.slice(2)
const roots = args.length > 0 ? args : process.env.MAMORI_REAL_DISCLOSURES ? [process.env.MAMORI_REAL_DISCLOSURES] : []
if (roots.length === 0) {
  console.log('No files given (pass paths or set MAMORI_REAL_DISCLOSURES): nothing to check.')
  process.exit(0)
}
let unreadable = 0
for (const file of files(roots)) {
  const parsed = await readDisclosure({ bytes: new Uint8Array(readFileSync(file)), fileName: basename(file) })
  const unanswered = parsed.answers.filter((a) => a.value === null).length
  console.log(
    `\n== ${file}\nform ${parsed.form}; ${parsed.answers.length} of ${parsed.questionCount} questions read, ${unanswered} unanswered; notes ${parsed.notes.map((n) => n.number).join(', ') || '-'}`,
  )
  console.log(`header ${JSON.stringify(parsed.header)}`)
  console.log(
    `ports ${parsed.declaredPorts.map((p) => `${p.port}/${p.transport} ${p.direction} ${p.service ?? ''}`).join('; ') || '-'}`,
  )
  for (const p of parsed.problems)
    console.log(`  ${p.severity}: ${translate('en', `disclosures.problem.${p.code}`, p.params)}`)
  if (parsed.problems.some((p) => p.severity === 'error')) unreadable++
}
process.exit(unreadable > 0 ? 1 : 0)
