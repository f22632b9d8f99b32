/** Reconciliation: scanned hosts compared with the ledger; a person adds an unknown host to the ledger. */
import type { Reconciliation } from '../../../api/discovery.js'
import { api } from '../api.js'

export { invalidateAfterReconcile, reconciliationKeys } from './keys.js'

export const reconciliationApi = {
  get: () => api<Reconciliation>('/api/reconciliation'),
  /** Creates a device from the host and links them; answers the new device's id. */
  add: (hostId: string) => api<{ id: string }>('/api/reconciliation/add', { method: 'POST', json: { hostId } }),
}
