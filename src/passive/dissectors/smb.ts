import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): smb is not dissected yet. */
export const smbDissector: StreamDissector = {
  protocol: 'smb',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
