import type { DatagramDissector } from '../contract.js'

/** Placeholder (issue 12): dhcp is not dissected yet. */
export const dhcpDissector: DatagramDissector = {
  protocol: 'dhcp',
  detect: () => false,
  parse() {},
}
