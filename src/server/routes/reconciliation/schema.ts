import { z } from 'zod'

/** Which scan to compare with the ledger; the latest finished one when absent. */
export const reconciliationQuery = z.object({ scanId: z.string().max(100).optional() })

/** A discovered host to add to the ledger, with the department a person chose. */
export const addHostBody = z.object({ hostId: z.string().min(1).max(100), department: z.string().max(200).optional() })
