import type { Analyzer, CaptureFileInfo } from '../contract.js'

export interface AnalyzerOptions {
  maxHosts: number
  maxConversations: number
}

/** Placeholder (issue 12, analyzer): hears nothing. */
export function createAnalyzer(_opts: Partial<AnalyzerOptions> = {}): Analyzer {
  return {
    packet() {},
    event() {},
    problem() {},
    result: (file: CaptureFileInfo) => ({
      file,
      firstSeenUs: null,
      lastSeenUs: null,
      hosts: [],
      conversations: [],
      problems: [],
      stats: {
        packets: 0,
        bytes: 0,
        decoded: 0,
        notIp: 0,
        fragmentsReassembled: 0,
        tcpFlows: 0,
        udpFlows: 0,
        events: {},
        problems: {},
      },
    }),
  }
}
