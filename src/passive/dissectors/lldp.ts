import type { FrameDissector } from '../contract.js'

/** Placeholder (issue 12): lldp is not dissected yet. */
export const lldpDissector: FrameDissector = {
  protocol: 'lldp',
  detect: () => false,
  parse() {},
}
