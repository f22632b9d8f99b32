import type { DatagramDissector } from '../contract.js'

/** Placeholder (issue 12): DNS, mDNS and LLMNR are not dissected yet. */
export const dnsDissector: DatagramDissector = { protocol: 'dns', detect: () => false, parse() {} }
export const mdnsDissector: DatagramDissector = { protocol: 'mdns', detect: () => false, parse() {} }
export const llmnrDissector: DatagramDissector = { protocol: 'llmnr', detect: () => false, parse() {} }
