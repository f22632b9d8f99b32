import type { FrameDissector } from '../contract.js'

/** Placeholder (issue 12): arp is not dissected yet. */
export const arpDissector: FrameDissector = {
  protocol: 'arp',
  detect: () => false,
  parse() {},
}
