import type { CaptureProblem, PacketDecoder } from '../contract.js'

/** Placeholder (issue 12, decode): decodes nothing. */
export function createPacketDecoder(_onProblem: (p: CaptureProblem) => void): PacketDecoder {
  return { decode: () => null }
}
