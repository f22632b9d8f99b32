import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): ssh is not dissected yet. */
export const sshDissector: StreamDissector = {
  protocol: 'ssh',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
