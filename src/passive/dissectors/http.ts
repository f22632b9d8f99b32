import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): http is not dissected yet. */
export const httpDissector: StreamDissector = {
  protocol: 'http',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
