import { z } from 'zod'

/**
 * The CISA Known Exploited Vulnerabilities catalogue (`known_exploited_vulnerabilities.json`, schema draft-07 in
 * cisagov/kev-data). Read whole or not at all at the file level (not JSON, no `vulnerabilities` list → an error);
 * an entry with a bad field is skipped with its JSON path, so one typo in CISA's file never hides the other 1,400.
 * Pure: bytes in, entries and located problems out; never throws.
 */

import type { FeedProblem, KevEntry } from '../../core/vulns/model.js'

export type { FeedProblem, KevEntry } from '../../core/vulns/model.js'

export interface KevCatalog {
  version: string | null
  released: string | null
  entries: KevEntry[]
  problems: FeedProblem[]
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)')

const entrySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'not a CVE id (CVE-YYYY-NNNN)'),
  vendorProject: z.string().min(1, 'empty'),
  product: z.string().min(1, 'empty'),
  vulnerabilityName: z.string(),
  dateAdded: isoDate,
  shortDescription: z.string(),
  requiredAction: z.string(),
  dueDate: isoDate.nullish(),
  knownRansomwareCampaignUse: z.enum(['Known', 'Unknown']).optional(),
  notes: z.string().nullish(),
  cwes: z.array(z.string()).optional(),
})

const show = (v: unknown): string => {
  const s = v === undefined ? '(missing)' : JSON.stringify(v)
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}

/** Reads a KEV catalogue. */
export function readKev(bytes: Uint8Array, file: string): KevCatalog {
  const problems: FeedProblem[] = []
  const fail = (code: string, params: Record<string, string | number>): KevCatalog => ({
    version: null,
    released: null,
    entries: [],
    problems: [{ severity: 'error', code, file, path: null, params: { file, ...params } }],
  })
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, ''))
  } catch (err) {
    const why = (err as Error).message
    const offset = /position (\d+)/.exec(why)?.[1] ?? String(bytes.length)
    return fail('notJson', { why: why.split('\n')[0]!.slice(0, 120), offset })
  }
  const root = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null
  const list = root?.vulnerabilities
  if (!root || !Array.isArray(list))
    return fail('notKev', { found: root ? Object.keys(root).slice(0, 8).join(', ') || '(nothing)' : typeof doc })
  const entries: KevEntry[] = []
  const firstAt = new Map<string, string>()
  list.forEach((raw, i) => {
    const at = `vulnerabilities[${i}]`
    const parsed = entrySchema.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = issue.path.join('.')
      const value =
        raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[String(issue.path[0])] : raw
      problems.push({
        severity: 'warning',
        code: 'field',
        file,
        path: field ? `${at}.${field}` : at,
        params: { file, path: field ? `${at}.${field}` : at, why: issue.message, value: show(value) },
      })
      return
    }
    const e = parsed.data
    const first = firstAt.get(e.cveID)
    if (first) {
      problems.push({
        severity: 'warning',
        code: 'duplicate',
        file,
        path: at,
        params: { file, path: at, cve: e.cveID, first },
      })
      return
    }
    firstAt.set(e.cveID, at)
    entries.push({
      cve: e.cveID,
      // CISA's vendor names carry stray spaces ("Medtronic "); matching normalises further through the catalog.
      vendorProject: e.vendorProject.trim(),
      product: e.product.trim(),
      name: e.vulnerabilityName.trim(),
      dateAdded: e.dateAdded,
      shortDescription: e.shortDescription,
      requiredAction: e.requiredAction,
      dueDate: e.dueDate ?? null,
      ransomware: e.knownRansomwareCampaignUse === 'Known',
      notes: e.notes?.trim() || null,
      cwes: e.cwes ?? [],
    })
  })
  const said = typeof root.count === 'number' ? root.count : null
  if (said !== null && said !== list.length)
    problems.push({
      severity: 'warning',
      code: 'countMismatch',
      file,
      path: 'count',
      params: { file, said, found: list.length },
    })
  return {
    version: typeof root.catalogVersion === 'string' ? root.catalogVersion : null,
    released: typeof root.dateReleased === 'string' ? root.dateReleased : null,
    entries,
    problems,
  }
}
