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
  'problem.tooLarge':
    '"{{file}}" is larger than {{limit}} MiB once unpacked; Mamori does not read it, so it cannot exhaust the server\'s memory. Split it (NVD: one file per year) or check that it is the right file.',
  'problem.badGzip': '"{{file}}" looks compressed (gzip) but cannot be unpacked: {{why}}. Is the download complete?',
  'problem.notNvd':
    '"{{file}}" is not an NVD CVE feed (CVE JSON 2.0): it has no "vulnerabilities" list of CVE records (found: {{found}}).',
  'problem.nvdVersion':
    '"{{file}}" says it is NVD CVE JSON version {{version}}; Mamori reads version 2.0. Entries are read as 2.0 where they fit.',
  'problem.notEntry': '"{{file}}", {{path}}: not a readable entry (value: {{value}}). The entry is skipped.',
  'problem.missing': '"{{file}}", {{path}}: required, but missing. The entry is skipped.',
  'problem.notCveId': '"{{file}}", {{path}}: not a CVE id like CVE-2019-0708 (value: {{value}}). The entry is skipped.',
  'problem.badScore':
    '"{{file}}", {{path}}: the CVSS score of {{cve}} cannot be read (value: {{value}}). {{cve}} is kept without this score.',
  'problem.badConfiguration':
    '"{{file}}", {{path}}: the list of affected products (CPE configuration) of {{cve}} cannot be read (value: {{value}}). This part is left out; the rest of {{cve}} is kept.',
  'problem.duplicateCve':
    '"{{file}}", {{path}}: {{cve}} appears again (first at {{first}}). The entry changed last is kept ({{kept}}).',
  'problem.notEpss':
    '"{{file}}" is not an EPSS score list: line {{line}} should be the header "cve,epss,percentile" (found: {{found}}).',
  'problem.csvColumns':
    '"{{file}}", line {{line}}: expected {{expected}} columns (found: {{value}}). The line is skipped.',
  'problem.csvValue': '"{{file}}", line {{line}}, column "{{column}}": {{value}} cannot be read. The line is skipped.',
  'problem.csvDuplicate':
    '"{{file}}", line {{line}}: {{cve}} appears again (first on line {{first}}); the first is kept.',
} as const
