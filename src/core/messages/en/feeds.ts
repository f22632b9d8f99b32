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
  // Feed ingest and sync (services/feeds, ADR 0032)
  'problem.checksumMismatch':
    '"{{file}}" does not match its published SHA-512 checksum (expected {{expected}}, got {{actual}}): the download is damaged or was altered. It was not stored; the next sync tries it again.',
  'problem.fileTooLarge':
    '"{{file}}" is {{size}} bytes, more than the {{limit}} bytes Mamori reads from one feed file. It was not read.',
  'problem.signatureNotVerified':
    '"{{file}}" has an OpenPGP signature ({{url}}) that Mamori does not verify; its SHA-512 checksum was checked when the provider published one.',
  'problem.documentRefused': '"{{file}}" was not stored: {{why}}',
  'problem.bundleManifest':
    '"{{file}}" is not a Mamori offline bundle of a version this installation reads (its first line should be the manifest of format "mamori-feeds", version 1). Nothing was stored.',
  'problem.bundleDamaged':
    '"{{file}}" is damaged or cut short ({{why}}). Only the parts that arrived whole and match the manifest were stored.',
  'problem.bundleRow':
    '"{{file}}", line {{line}}: a row of table {{table}} cannot be read (it was not written by a Mamori export). The row is skipped.',
  'problem.bundleTable':
    '"{{file}}": the table {{table}} does not match the bundle\'s manifest ({{expected}} rows expected, {{found}} found, or its SHA-256 differs). Nothing of {{table}} was stored; export the bundle again.',
  'problem.unknownFormat':
    '"{{file}}" is not a feed Mamori knows (CSAF 2.0, CISA KEV, NVD CVE JSON 2.0, FIRST EPSS, JVN, CycloneDX VEX); found: {{found}}.',
  'problem.sbomNotFeed':
    '"{{file}}" is an SBOM, not a vulnerability feed (found: {{found}}). Import it as the SBOM of a device model.',
  'problem.notSbom':
    '"{{file}}" is not an SBOM Mamori reads (CycloneDX JSON/XML 1.4–1.6, SPDX 2.2/2.3 JSON or tag-value); found: {{found}}.',
  'problem.sbomVersion':
    '"{{file}}" is {{format}} version {{version}}; Mamori reads {{format}} {{supported}}. Ask the manufacturer for one of these versions.',
  'problem.notList': '"{{file}}", {{path}}: should be a list (value: {{value}}). It is skipped.',
  'problem.tooDeep': '"{{file}}", {{path}}: nested deeper than {{depth}} levels; the deeper parts are skipped.',
  'problem.vexState':
    '"{{file}}", {{path}}: unknown analysis state {{value}} (expected not_affected, false_positive, resolved, resolved_with_pedigree, exploitable or in_triage). The statement is skipped.',
  'problem.unknownRef':
    '"{{file}}", {{path}}: the statement is about {{value}}, which the document does not list; it is kept without product details.',
  'problem.notCycloneDxVex':
    '"{{file}}" is not a CycloneDX VEX document: no "bomFormat": "CycloneDX" with a "vulnerabilities" list (found: {{found}}).',
  'problem.notXml':
    '"{{file}}" is not well-formed XML: {{why}} (line {{line}}, column {{column}}). Is the download complete?',
  'problem.tagValueLine': '"{{file}}", line {{line}}: not a "Tag: value" line ({{value}}). The line is skipped.',
  'problem.notJvn':
    '"{{file}}" is not a JVN iPedia (MyJVN) answer: expected a VULDEF document or an RSS overview list (found: {{found}}).',
  'problem.jvnError': '"{{file}}": MyJVN answered with error {{code}}: {{why}}. Nothing was read from it.',
} as const
