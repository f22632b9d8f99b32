import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { PassiveResult } from './contract.js'

/**
 * Analyses a capture file in a worker thread (./worker.ts): the compiled .js next to this file, or the .ts source
 * under tsx (dev, tests), as src/storage/import-worker-client.ts does. Aborting the signal terminates the thread.
 */
export function analyzeFileInWorker(
  file: string,
  opts: {
    signal?: AbortSignal
    onProgress?(p: { bytes: number; packets: number }): void
    maxDecompressedBytes?: number
  } = {},
): Promise<PassiveResult> {
  return new Promise((resolve, reject) => {
    const setup = { file, maxDecompressedBytes: opts.maxDecompressedBytes }
    const js = new URL('./worker.js', import.meta.url)
    let worker: Worker
    if (existsSync(fileURLToPath(js))) worker = new Worker(js, { workerData: setup })
    else {
      const ts = new URL('./worker.ts', import.meta.url)
      const cjs = createRequire(import.meta.url).resolve('tsx/esm/api')
      const mjs = cjs.replace(/\.cjs$/, '.mjs')
      const api = pathToFileURL(existsSync(mjs) ? mjs : cjs).href
      const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts.href)}) })`
      worker = new Worker(boot, { eval: true, workerData: setup })
    }
    let settled = false
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      opts.signal?.removeEventListener('abort', onAbort)
      fn()
      void worker.terminate()
    }
    const onAbort = () => finish(() => reject(opts.signal?.reason ?? new Error('aborted')))
    if (opts.signal?.aborted) return onAbort()
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    worker.on(
      'message',
      (m: { progress?: { bytes: number; packets: number }; result?: PassiveResult; error?: string }) => {
        if (m.progress) opts.onProgress?.(m.progress)
        else if (m.result) finish(() => resolve(m.result as PassiveResult))
        else if (m.error !== undefined) finish(() => reject(new Error(m.error)))
      },
    )
    worker.once('error', (e) => finish(() => reject(e)))
    worker.once('exit', (code) => finish(() => reject(new Error(`the capture analysis stopped (exit ${code})`))))
  })
}
