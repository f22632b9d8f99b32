import { readdir, readFile, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Text formats worth compressing; images and fonts are already compressed. */
export const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.webmanifest'])

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else if (entry.isFile()) yield path
  }
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text asset in `dir`, so the
 * server (@fastify/static `preCompressed`) sends them without compressing on each request. Every text asset gets
 * both siblings, even when compression saves little, so the server's choice depends only on Accept-Encoding.
 * Returns the number of files compressed.
 */
export async function precompressDir(dir: string): Promise<number> {
  const jobs: Promise<void>[] = []
  for await (const path of files(dir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue
    jobs.push(
      (async () => {
        const body = await readFile(path)
        const [br, gzipped] = await Promise.all([
          brotli(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
          gz(body, { level: 9 }),
        ])
        await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gzipped)])
      })(),
    )
  }
  await Promise.all(jobs)
  return jobs.length
}

/** Vite plugin: after the bundle is written, pre-compress the output directory (see {@link precompressDir}). */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'mamori-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    async closeBundle() {
      const count = await precompressDir(outDir)
      this.info?.(`pre-compressed ${count} files (.br, .gz) in ${outDir}`)
    },
  }
}
