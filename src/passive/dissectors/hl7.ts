import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): hl7 is not dissected yet. */
export const hl7Dissector: StreamDissector = {
  protocol: 'hl7',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
