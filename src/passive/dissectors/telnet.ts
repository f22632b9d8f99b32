import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): telnet is not dissected yet. */
export const telnetDissector: StreamDissector = {
  protocol: 'telnet',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
