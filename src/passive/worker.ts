/**
 * The worker thread that analyses one capture file for the server (ADR 0044): parsing a gigabyte takes seconds of
 * CPU, which must not stall the API's event loop. Posts `{ progress }` now and then and `{ result }` or `{ error }`
 * at the end; the parent terminates it to cancel.
 */
import { createReadStream } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { analyzeCapture } from './pipeline.js'

interface Setup {
  file: string
  maxDecompressedBytes?: number
}

const setup = workerData as Setup
let last = 0
analyzeCapture(createReadStream(setup.file, { highWaterMark: 1024 * 1024 }), {
  maxDecompressedBytes: setup.maxDecompressedBytes,
  onProgress: (p) => {
    const now = Date.now()
    if (now - last < 200) return
    last = now
    parentPort?.postMessage({ progress: p })
  },
}).then(
  (result) => parentPort?.postMessage({ result }),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
)
