import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { feedProblem } from '../../../api/vulns.js'
import type { ErrorDetail } from '../../core/errors.js'
import { translate } from '../../core/messages/translate.js'
import type { FeedProblem, ParsedFeed, VexStatementInput } from '../../core/vulns/model.js'
import type { VulnStore } from '../../core/vulns/store.js'

type FeedProblemOut = z.infer<typeof feedProblem>

/** CVE records and EPSS rows per transaction: a batch is whole or absent, and a cancel lands between batches. */
export const CVE_BATCH = 5_000
export const EPSS_BATCH = 20_000

/** What storing a feed needs besides the store. */
export interface IngestContext {
  store: VulnStore
  /** The catalog model a VEX product names (vendor + product), or null; cached by the caller. */
  resolveModel(vendor: string | null, product: string | null): Promise<string | null>
  now: string
  /** The feed source id (`kev`, `csaf:cisa`), or null for a file import. */
  feed: string | null
  /** Called between batches: throws when the job was cancelled. */
  checkpoint?: () => void
  /** Reports rows stored so far (long NVD/EPSS files). */
  onBatch?: (stored: number) => void
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A reader's problem as people read it: the catalog text in both languages plus where it was found. */
export function presentFeedProblem(p: FeedProblem): FeedProblemOut {
  const params = { file: p.file, path: p.path ?? '', ...p.params }
  return {
    severity: p.severity,
    code: p.code,
    file: p.file,
    path: p.path,
    message: translate('en', `feeds.problem.${p.code}`, params),
    messageJa: translate('ja', `feeds.problem.${p.code}`, params),
  }
}

/** The problems as error details of FEED_UNREADABLE (where = file and JSON path). */
export function problemDetails(problems: readonly FeedProblem[], max = 500): ErrorDetail[] {
  return problems.slice(0, max).map((p) => {
    const out = presentFeedProblem(p)
    return { where: p.path ? `${p.file} ${p.path}` : p.file, message: out.message, messageJa: out.messageJa }
  })
}

/**
 * The model names a VEX product may be catalogued under, most specific first: as written ("Xhibit Telemetry
 * Receiver (XTR) Model number 96280"), without the parenthesised and "Model number …" parts ("Xhibit Telemetry
 * Receiver"), then each model-number-like token ("96280"): hospitals catalogue a device by either.
 */
export function modelNameCandidates(product: string): string[] {
  const bare = product
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bmodel\s*(number|no\.?|#)?\s*[:#]?\s*\S+/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const numbers = product.match(/\b(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,}\b/gi) ?? []
  return [...new Set([product.trim(), bare, ...numbers].filter((c) => c.length > 0))]
}

/** VEX statements with their catalog model resolved (a manufacturer's statement applies to that model's devices). */
export async function withModels(
  ctx: Pick<IngestContext, 'resolveModel'>,
  vex: readonly VexStatementInput[],
): Promise<(VexStatementInput & { modelId: string | null })[]> {
  const out: (VexStatementInput & { modelId: string | null })[] = []
  for (const v of vex) out.push({ ...v, modelId: await ctx.resolveModel(v.vendor, v.product) })
  return out
}

async function inBatches<T>(
  rows: readonly T[],
  size: number,
  ctx: IngestContext,
  put: (b: readonly T[]) => Promise<unknown>,
) {
  let stored = 0
  for (let i = 0; i < rows.length; i += size) {
    ctx.checkpoint?.()
    const batch = rows.slice(i, i + size)
    await put(batch)
    stored += batch.length
    ctx.onBatch?.(stored)
  }
  return stored
}

/**
 * Stores one read feed file (no error problems: the caller refuses those whole). Answers how many advisories, CVEs,
 * KEV entries, EPSS rows or VEX statements were stored. Large files go in batches, each one transaction.
 */
export async function storeFeed(parsed: ParsedFeed, sha256: string, ctx: IngestContext): Promise<number> {
  const { store } = ctx
  const meta = { sha256, feed: ctx.feed, now: ctx.now }
  switch (parsed.kind) {
    case 'csaf':
      await store.putAdvisory(parsed.document, meta, await withModels(ctx, parsed.vex))
      return 1
    case 'jvn': {
      for (const doc of parsed.documents) {
        ctx.checkpoint?.()
        await store.putAdvisory(doc, meta, [])
      }
      await inBatches(parsed.cves, CVE_BATCH, ctx, (b) => store.putCves(b))
      return parsed.documents.length
    }
    case 'kev':
      return store.replaceKev(parsed.entries)
    case 'epss':
      return inBatches(parsed.rows, EPSS_BATCH, ctx, (b) =>
        store.putEpss(b, { modelVersion: parsed.modelVersion, scoreDate: parsed.scoreDate }),
      )
    case 'nvd':
      return inBatches(parsed.cves, CVE_BATCH, ctx, (b) => store.putCves(b))
    case 'cyclonedx-vex':
      // A standalone VEX file is its own source, named by its content so a re-import replaces, never duplicates.
      await store.replaceVex('cyclonedx', vexFileSourceId(sha256), await withModels(ctx, parsed.statements))
      return parsed.statements.length
  }
}

/** The VEX source id of a standalone CycloneDX VEX file (the offline bundle carries these, not SBOM-bound ones). */
export const vexFileSourceId = (sha256: string) => `vex-file:${sha256.slice(0, 32)}`
