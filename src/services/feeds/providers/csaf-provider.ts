import { createHash } from 'node:crypto'
import { MamoriError } from '../../../core/errors.js'
import type { FeedProblem } from '../../../core/vulns/model.js'
import type { FeedProvider, ProviderContext } from './provider.js'
import { fileName } from './single-file.js'

/** One advisory a provider lists: where its document is, when it last changed, its checksum and signature. */
interface Listed {
  url: string
  updated: string | null
  sha512: string | null
  signature: string | null
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/**
 * A CSAF 2.0 provider (CSAF §7.1): `provider-metadata.json` → `distributions[].rolie.feeds[].url` (ROLIE JSON
 * feeds) or `distributions[].directory_url` (`changes.csv`, else `index.txt`). Only documents updated after the
 * cursor are fetched; each is checked against its `.sha512` when the provider publishes one (a mismatch refuses
 * that document only). OpenPGP signatures are not verified (ADR 0032): a document with one gets a warning saying so.
 */
export const csafProvider: FeedProvider = {
  kind: 'csaf',
  async sync(ctx) {
    const listed = await listDocuments(ctx)
    const since = ctx.source.cursor
    const todo = listed
      .filter((d) => since === null || d.updated === null || d.updated > since)
      .sort((a, b) => (a.updated ?? '').localeCompare(b.updated ?? ''))
    const problems: FeedProblem[] = []
    let stored = 0
    let cursor = since
    let blocked = false
    for (const [i, doc] of todo.entries()) {
      ctx.signal.throwIfAborted()
      ctx.progress('csaf', i, todo.length)
      const file = fileName(doc.url, 'advisory.json')
      const refused = await fetchDocument(ctx, doc, file)
      if ('problem' in refused) {
        problems.push(refused.problem)
        // The cursor stays before a refused document, so the next sync tries it again.
        blocked = true
        continue
      }
      try {
        const out = await ctx.ingest(refused.bytes, file)
        stored += out.stored
        problems.push(...out.problems)
      } catch (err) {
        if (!(err instanceof MamoriError) || err.code !== 'FEED_UNREADABLE') throw err
        problems.push(unreadable(file, err))
        blocked = true
        continue
      }
      if (doc.signature) problems.push(warning(file, 'signatureNotVerified', { url: doc.signature }))
      if (!blocked && doc.updated && (cursor === null || doc.updated > cursor)) {
        cursor = doc.updated
        await ctx.saveCursor(cursor)
      }
    }
    ctx.progress('csaf', todo.length, todo.length)
    return { stored, problems }
  },
}

const warning = (file: string, code: string, params: Record<string, string>): FeedProblem => ({
  severity: 'warning',
  code,
  file,
  path: null,
  params: { file, ...params },
})

function unreadable(file: string, err: MamoriError): FeedProblem {
  return {
    severity: 'error',
    code: 'documentRefused',
    file,
    path: null,
    params: { file, why: err.message, whyJa: err.messageJa ?? err.message },
  }
}

/** The document's bytes, or the problem that refused it (checksum mismatch). */
async function fetchDocument(
  ctx: ProviderContext,
  doc: Listed,
  file: string,
): Promise<{ bytes: Uint8Array } | { problem: FeedProblem }> {
  const opts = { feed: ctx.source.id, signal: ctx.signal }
  const got = await ctx.fetcher.get(doc.url, opts)
  const sumUrl = doc.sha512 ?? `${doc.url}.sha512`
  const sum = await ctx.fetcher.getOptional(sumUrl, opts)
  if (sum === null) return { bytes: got.bytes }
  // `<hex>  <file>` as sha512sum writes it, or the bare hex.
  const expected = /[0-9a-fA-F]{128}/.exec(new TextDecoder().decode(sum.bytes))?.[0]?.toLowerCase() ?? ''
  const actual = createHash('sha512').update(got.bytes).digest('hex')
  if (expected === actual) return { bytes: got.bytes }
  return {
    problem: {
      severity: 'error',
      code: 'checksumMismatch',
      file,
      path: null,
      params: { file, expected: expected || '(unreadable)', actual },
    },
  }
}

async function getJson(ctx: ProviderContext, url: string): Promise<unknown> {
  const got = await ctx.fetcher.get(url, { feed: ctx.source.id, signal: ctx.signal })
  try {
    return JSON.parse(new TextDecoder().decode(got.bytes))
  } catch (err) {
    throw MamoriError.of('FEED_FETCH_FAILED', {
      feed: ctx.source.id,
      url,
      why: {
        en: `the answer is not JSON (${(err as Error).message})`,
        ja: `応答が JSON ではありません（${(err as Error).message}）`,
      },
    })
  }
}

/** Every document the provider lists, from provider-metadata.json, a ROLIE feed or a directory. */
async function listDocuments(ctx: ProviderContext): Promise<Listed[]> {
  const url = ctx.source.url!
  const root = asRecord(await getJson(ctx, url))
  if (root && asRecord(root.feed)) return rolieEntries(root, url)
  const out: Listed[] = []
  for (const dist of asArray(root?.distributions).map(asRecord)) {
    for (const feed of asArray(asRecord(dist?.rolie)?.feeds).map(asRecord)) {
      if (typeof feed?.url !== 'string') continue
      const feedUrl = new URL(feed.url, url).toString()
      out.push(...rolieEntries(asRecord(await getJson(ctx, feedUrl)), feedUrl))
    }
    if (typeof dist?.directory_url === 'string')
      out.push(...(await directoryEntries(ctx, new URL(dist.directory_url, url).toString())))
  }
  if (out.length === 0 && !root?.distributions)
    throw MamoriError.of('FEED_FETCH_FAILED', {
      feed: ctx.source.id,
      url,
      why: {
        en: 'neither a CSAF provider-metadata.json (no "distributions") nor a ROLIE feed (no "feed")',
        ja: 'CSAF の provider-metadata.json（distributions がない）でも ROLIE フィード（feed がない）でもありません',
      },
    })
  // A document listed by two feeds is fetched once.
  return [...new Map(out.map((d) => [d.url, d])).values()]
}

/** ROLIE JSON (RFC 8322 in JSON, CSAF §7.1.20): `feed.entry[].link[]` rel self/hash/signature, `updated`. */
function rolieEntries(doc: Record<string, unknown> | null, base: string): Listed[] {
  const out: Listed[] = []
  for (const entry of asArray(asRecord(doc?.feed)?.entry).map(asRecord)) {
    if (!entry) continue
    const links = asArray(entry.link).map(asRecord)
    const href = (rel: string) => {
      const l = links.find((x) => x?.rel === rel && typeof x.href === 'string')
      return l ? new URL(String(l.href), base).toString() : null
    }
    const content = asRecord(entry.content)
    const self =
      href('self') ??
      href('alternate') ??
      (typeof content?.src === 'string' ? new URL(content.src, base).toString() : null)
    if (!self) continue
    out.push({
      url: self,
      updated: typeof entry.updated === 'string' ? new Date(entry.updated).toISOString() : null,
      sha512: href('hash'),
      signature: href('signature'),
    })
  }
  return out
}

/** A directory provider: `changes.csv` ("path","updated" lines, newest first), else `index.txt` (one path a line). */
async function directoryEntries(ctx: ProviderContext, dirUrl: string): Promise<Listed[]> {
  const base = dirUrl.endsWith('/') ? dirUrl : `${dirUrl}/`
  const opts = { feed: ctx.source.id, signal: ctx.signal }
  const changes = await ctx.fetcher.getOptional(`${base}changes.csv`, opts)
  if (changes) {
    return new TextDecoder()
      .decode(changes.bytes)
      .split(/\r?\n/)
      .map((line) => line.split(',').map((f) => f.trim().replace(/^"|"$/g, '')))
      .filter(([path]) => path?.endsWith('.json'))
      .map(([path, updated]) => ({
        url: new URL(path!, base).toString(),
        updated: updated && !Number.isNaN(Date.parse(updated)) ? new Date(updated).toISOString() : null,
        sha512: null,
        signature: null,
      }))
  }
  const index = await ctx.fetcher.get(`${base}index.txt`, opts)
  return new TextDecoder()
    .decode(index.bytes)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.endsWith('.json'))
    .map((path) => ({ url: new URL(path, base).toString(), updated: null, sha512: null, signature: null }))
}
