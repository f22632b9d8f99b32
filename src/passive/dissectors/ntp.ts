import type { DatagramDissector } from '../contract.js'

/** Placeholder (issue 12): ntp is not dissected yet. */
export const ntpDissector: DatagramDissector = {
  protocol: 'ntp',
  detect: () => false,
  parse() {},
}
