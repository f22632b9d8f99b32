import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): tls is not dissected yet. */
export const tlsDissector: StreamDissector = {
  protocol: 'tls',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
