import type { DatagramDissector } from '../contract.js'

/** Placeholder (issue 12): nbns is not dissected yet. */
export const nbnsDissector: DatagramDissector = {
  protocol: 'nbns',
  detect: () => false,
  parse() {},
}
