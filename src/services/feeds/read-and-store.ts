import { constants, gunzipSync } from 'node:zlib'
import type { FeedKind, FeedProblem } from '../../core/vulns/model.js'
import { readFeed } from '../../importers/feeds/detect.js'
import { inflate, isGzip } from '../../importers/feeds/input.js'
import { importBundle, looksLikeBundle } from './bundle.js'
import type { FoundFile } from './import-path.js'
import { type IngestContext, sha256Hex, storeFeed } from './ingest.js'

/** What became of one file: its detected kind, rows stored, and its problems (errors mean nothing was stored). */
export interface FileOutcome {
  file: string
  kind: FeedKind | null
  stored: number
  problems: FeedProblem[]
}

/**
 * Reads one file (gzip unpacked, the format detected from the content) and stores it whole, or stores nothing and
 * answers why. An offline bundle (recognised by its manifest line) is verified table by table and imported.
 */
export async function readAndStore(f: FoundFile, ctx: IngestContext, maxBytes: number): Promise<FileOutcome> {
  if ('path' in f) return bundleOutcome(f.name, await importBundle({ path: f.path }, f.name, ctx))
  if (isBundle(f.bytes)) return bundleOutcome(f.name, await importBundle({ bytes: f.bytes }, f.name, ctx))
  const raw = inflate(f.bytes, f.name, { maxBytes })
  if (!raw.ok) return { file: f.name, kind: null, stored: 0, problems: [raw.problem] }
  const file = f.name.replace(/\.gz$/i, '')
  const parsed = readFeed(raw.bytes, file)
  if (parsed.kind === null || parsed.problems.some((p) => p.severity === 'error'))
    return { file: f.name, kind: parsed.kind, stored: 0, problems: parsed.problems }
  const stored = await storeFeed(parsed, sha256Hex(raw.bytes), ctx)
  return { file: f.name, kind: parsed.kind, stored, problems: parsed.problems }
}

/**
 * Whether gzip bytes start with the bundle's manifest: only their head is unpacked (a bundle may be large, or cut
 * short — then the bundle reader says which tables arrived whole).
 */
function isBundle(bytes: Uint8Array): boolean {
  if (!isGzip(bytes)) return false
  try {
    const head = gunzipSync(bytes.subarray(0, 16 * 1024), { finishFlush: constants.Z_SYNC_FLUSH })
    return looksLikeBundle(new TextDecoder().decode(head.subarray(0, 64)))
  } catch {
    return false
  }
}

function bundleOutcome(file: string, r: { stored: number; problems: FeedProblem[] }): FileOutcome {
  return { file, kind: 'bundle', stored: r.stored, problems: r.problems }
}
