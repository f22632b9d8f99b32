import type { DatagramDissector } from '../contract.js'

/** Placeholder (issue 12): syslog is not dissected yet. */
export const syslogDissector: DatagramDissector = {
  protocol: 'syslog',
  detect: () => false,
  parse() {},
}
