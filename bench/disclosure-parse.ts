import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readDisclosure } from '../src/importers/disclosures/index.js'
import { readZip, writeZip } from '../test/importers/disclosures/support/zip.js'
import { type BenchContext, type BenchReport, metric, peakRssMiB } from './lib.js'

/**
 * Parses 1,000 MDS2 2019 workbooks (issue 8, item 11): variations of the SP-2000 fixture
 * (test/fixtures/disclosures/sp-2000-mds2-2019.xlsx, every quirk included) whose Yes/No/N/A answers are shuffled
 * with a fixed seed, written to the scratch directory, then read one after another from disk with readDisclosure,
 * as an import would. Informative: the issue sets no target. MAMORI_BENCH_DISCLOSURE_FILES changes the count.
 */
export const title = 'Disclosure parse (MDS2 2019 workbooks)'

const FIXTURE = fileURLToPath(new URL('../test/fixtures/disclosures/sp-2000-mds2-2019.xlsx', import.meta.url))

/** A small deterministic PRNG (mulberry32), so every run parses the same files. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Writes `count` variations: the answer cells pointing at the shared strings Yes/No/N/A get a random one of them. */
function writeVariations(dir: string, count: number): string[] {
  const parts = readZip(new Uint8Array(readFileSync(FIXTURE)))
  const strings = new TextDecoder().decode(parts.find((p) => p.name === 'xl/sharedStrings.xml')!.data)
  const index = (word: string) =>
    [...strings.matchAll(/<si>(.*?)<\/si>/gs)].findIndex((m) => m[1]!.includes(`>${word}<`))
  const answers = ['Yes', 'No', 'N/A'].map(index).filter((i) => i >= 0)
  const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!
  const xml = new TextDecoder().decode(sheet.data)
  const next = random(8)
  const files: string[] = []
  for (let n = 0; n < count; n++) {
    const varied = xml.replace(/(<c r="C\d+"[^>]*t="s"[^>]*><v>)(\d+)(<\/v>)/g, (all, a, v, b) =>
      answers.includes(Number(v)) ? `${a}${answers[Math.floor(next() * answers.length)]}${b}` : all,
    )
    const file = join(dir, `mds2-${n}.xlsx`)
    writeFileSync(
      file,
      writeZip(parts.map((p) => (p === sheet ? { ...p, data: new TextEncoder().encode(varied) } : p))),
    )
    files.push(file)
  }
  return files
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

export async function run(ctx: BenchContext): Promise<BenchReport> {
  const count = Number(process.env.MAMORI_BENCH_DISCLOSURE_FILES ?? 1000)
  ctx.log(`writing ${count} workbooks`)
  const files = writeVariations(ctx.tmpDir, count)
  const rssBefore = process.memoryUsage().rss
  let rssPeak = rssBefore
  const times: number[] = []
  let answers = 0
  let failed = 0
  ctx.log('parsing')
  const t0 = performance.now()
  for (const [i, file] of files.entries()) {
    const t = performance.now()
    const parsed = await readDisclosure({ bytes: new Uint8Array(readFileSync(file)), fileName: file })
    times.push(performance.now() - t)
    answers += parsed.answers.length
    if (parsed.problems.some((p) => p.severity === 'error')) failed++
    if (i % 20 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    if (i % 200 === 199) ctx.log(`${i + 1} files`)
  }
  const seconds = (performance.now() - t0) / 1000
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  const sorted = [...times].sort((a, b) => a - b)
  const MiB = 1024 * 1024
  return {
    metrics: [
      metric('files/s', count / seconds, 'files/s'),
      metric('per file p50', percentile(sorted, 0.5), 'ms'),
      metric('per file p99', percentile(sorted, 0.99), 'ms'),
      metric('RSS during parsing (sampled peak)', rssPeak / MiB, 'MiB'),
      metric('peak RSS of the process', peakRssMiB(), 'MiB'),
    ],
    notes: [
      `${count} workbooks of ${(readFileSync(files[0]!).length / 1024).toFixed(0)} KB (233 questions, every reader quirk), read one after another from disk`,
      `${answers} answers read; ${failed} files refused (expected 0)`,
      `RSS before parsing ${(rssBefore / MiB).toFixed(0)} MiB`,
    ],
  }
}
