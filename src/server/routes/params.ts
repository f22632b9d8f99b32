import { z } from 'zod'

/** `:id` of a discovery resource (scope, exclusion, scan, host, finding): a UUID, or a target for scopes. */
export const discoveryIdParams = z.object({ id: z.string().min(1).max(100) })
