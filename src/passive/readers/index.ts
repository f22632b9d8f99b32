import type { CaptureReader, CaptureReaderHandlers } from '../contract.js'

/** Placeholder (issue 12, readers): a reader that reports every input as an unknown format. */
export function createCaptureReader(handlers: CaptureReaderHandlers): CaptureReader {
  const info = { format: null, gzip: false, linkTypes: [], interfaces: [], bytes: 0, packets: 0 }
  let said = false
  return {
    info,
    push(chunk) {
      info.bytes += chunk.length
      if (!said) handlers.onProblem({ code: 'unknown-format', offset: 0, packet: null, detail: '', severity: 'fatal' })
      said = true
    },
    end() {},
  }
}
