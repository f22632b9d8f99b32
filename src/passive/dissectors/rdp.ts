import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): rdp is not dissected yet. */
export const rdpDissector: StreamDissector = {
  protocol: 'rdp',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
