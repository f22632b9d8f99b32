import { z } from 'zod'

/** Filters and paging of the audit log view. */
export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
})
