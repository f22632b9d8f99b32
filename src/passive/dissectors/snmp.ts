import type { DatagramDissector } from '../contract.js'

/** Placeholder (issue 12): snmp is not dissected yet. */
export const snmpDissector: DatagramDissector = {
  protocol: 'snmp',
  detect: () => false,
  parse() {},
}
