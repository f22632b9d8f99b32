import { z } from 'zod'

/** What a password change ended, and the CSRF token of the fresh session when it was made from a browser. */
export const passwordChangeResult = z.object({
  sessionsEnded: z.number().int(),
  tokensRevoked: z.number().int(),
  csrfToken: z.string().optional(),
})
