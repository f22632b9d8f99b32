import { z } from 'zod'

/**
 * Every API error has this one shape. `code` is stable; `message` is for people, in English, and `messageJa` the
 * same in Japanese when the server has it (the UI shows the one of its language; ADR 0009); `details` locate the
 * problem.
 */
export const apiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageJa: z.string().optional(),
    /** The parameters of the catalog text `errors.<code>` (src/core/messages), so the UI renders it in its language. */
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.object({ en: z.string(), ja: z.string() })]))
      .optional(),
    details: z.array(z.object({ where: z.string(), message: z.string(), messageJa: z.string().optional() })).optional(),
  }),
})
export type ApiError = z.infer<typeof apiError>

export const ROLES = ['admin', 'engineer', 'viewer'] as const
export const role = z.enum(ROLES)
export type Role = z.infer<typeof role>

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
})
export type User = z.infer<typeof user>

export const userCreate = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  displayName: z.string().trim().min(1).max(100),
  role,
  password: z.string().min(12, 'at least 12 characters').max(256),
})
export const userUpdate = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  role: role.optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(12, 'at least 12 characters').max(256).optional(),
})

export const session = z.object({ user, csrfToken: z.string() })
export type Session = z.infer<typeof session>

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  /** What a person recognises the target by (a device's asset tag, a scope's range), when it can be told. */
  targetLabel: z.string().nullable().optional(),
})
export type AuditEntry = z.infer<typeof auditEntry>

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
