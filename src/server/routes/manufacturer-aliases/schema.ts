import { z } from 'zod'

/** `:id` of an alias row. */
export const aliasIdParams = z.object({ id: z.string().min(1).max(100) })
