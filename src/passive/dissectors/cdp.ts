import type { FrameDissector } from '../contract.js'

/** Placeholder (issue 12): cdp is not dissected yet. */
export const cdpDissector: FrameDissector = {
  protocol: 'cdp',
  detect: () => false,
  parse() {},
}
