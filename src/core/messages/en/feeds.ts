/**
 * English texts of the feed readers' problems (`feeds.problem.<code>`; src/importers/feeds/), see ../en.ts. Each
 * names the file and the JSON path itself (`vulnerabilities[12].cveID`), so it reads whole anywhere.
 */
export const feeds = {
  'problem.notJson': '"{{file}}" is not JSON: {{why}} (at character {{offset}}). Is the download complete?',
  'problem.notKev':
    '"{{file}}" is not the CISA Known Exploited Vulnerabilities catalogue: it has no "vulnerabilities" list (found: {{found}}).',
  'problem.notCsaf':
    '"{{file}}" is not a CSAF advisory: it has no "document" section (found: {{found}}). Download the .json file of the advisory, not its web page.',
  'problem.csafVersion':
    '"{{file}}" is CSAF version {{version}}; Mamori reads CSAF 2.0. Ask the provider for the CSAF 2.0 file.',
  'problem.field': '"{{file}}", {{path}}: {{why}} (value: {{value}}). The entry is skipped.',
  'problem.countMismatch':
    '"{{file}}" says it lists {{said}} vulnerabilities but holds {{found}}: the file may be cut short or edited.',
  'problem.duplicate': '"{{file}}", {{path}}: {{cve}} appears again (first at {{first}}); the first entry is kept.',
} as const
