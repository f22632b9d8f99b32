import type { StreamDissector } from '../contract.js'

/** Placeholder (issue 12): dicom is not dissected yet. */
export const dicomDissector: StreamDissector = {
  protocol: 'dicom',
  detect: () => false,
  open: () => ({ data: () => 'done', end() {} }),
}
