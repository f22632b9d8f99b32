import type { CaptureProblem, DecodedPacket, ReassemblyLimits, StreamSink } from '../contract.js'

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxFlows: 65_536,
  maxPendingBytes: 256 * 1024,
  maxStreamBytes: 1024 * 1024,
  idleUs: 120_000_000,
}

export interface TcpReassembler {
  /** One decoded TCP packet (protocol 6). */
  packet(p: DecodedPacket): void
  /** Closes every open flow (end of capture). */
  flush(): void
  readonly openFlows: number
}

/** Placeholder (issue 12, decode): hands nothing on. */
export function createTcpReassembler(
  _sink: StreamSink,
  _onProblem: (p: CaptureProblem) => void,
  _limits: Partial<ReassemblyLimits> = {},
): TcpReassembler {
  return { packet() {}, flush() {}, openFlows: 0 }
}
