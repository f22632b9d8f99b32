import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): ftp is not dissected yet. */
export const ftpDissector: StreamDissector = {
  protocol: 'ftp',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
