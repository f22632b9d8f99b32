import { z } from 'zod'
import { riskBand } from './risk.js'

/**
 * The action plan (issue 10): open findings of every source grouped into actions a person can do ("move these 12
 * SMBv1 devices into an isolated segment"), each with an owner, a due date from the per-severity SLA (KEV sooner), a
 * status and, when the hospital accepts the risk, a reason, approver and expiry. A re-scan, re-capture or re-match
 * that no longer sees the problem closes the action and records the evidence.
 *
 * Routes (reads `viewer`; changes `engineer`; the SLA `admin`):
 *  GET    /api/actions?status&owner&overdue&limit&offset → actionList (most urgent first: KEV, severity, due date)
 *  GET    /api/actions/:id                               → actionDetail (devices and findings)
 *  PATCH  /api/actions/:id  actionPatch                  → action (owner, due date, status; audited)
 *  POST   /api/actions/:id/accept  actionAccept          → action (risk accepted; audited)
 *  DELETE /api/actions/:id/accept                        → action (acceptance withdrawn)
 *  POST   /api/actions/sync                              → actionSyncResult (engineer; regroup now)
 *  GET    /api/actions/sla                               → slaPolicy
 *  PUT    /api/actions/sla  slaPolicy                    → slaPolicy (admin; due dates of open actions recomputed)
 * A due date or expiry that is not a real date, or an expiry in the past, answers 400 with the field named.
 */

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'accepted'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const actionStatus = z.enum(ACTION_STATUSES)
const severity = z.enum(['critical', 'high', 'medium', 'low', 'info'])
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')

export const actionAcceptance = z.object({
  reason: z.string(),
  approver: z.string(),
  expiresOn: z.string(),
  acceptedBy: z.string().nullable(),
  acceptedAt: z.string(),
})

export const action = z.object({
  id: z.string(),
  siteId: z.string(),
  /** The grouping key: what is to be done (e.g. "scan:telnet-open", "vuln:ICSMA-20-049-01"). Stable across syncs. */
  kind: z.string(),
  titleJa: z.string(),
  titleEn: z.string(),
  detailJa: z.string(),
  detailEn: z.string(),
  severity,
  knownExploited: z.boolean(),
  deviceCount: z.number().int(),
  findingCount: z.number().int(),
  /** Highest risk band among its devices (null when no device is scored). */
  topRiskBand: riskBand.nullable(),
  owner: z.string().nullable(),
  dueOn: z.string(),
  overdue: z.boolean(),
  status: actionStatus,
  acceptance: actionAcceptance.nullable(),
  closedAt: z.string().nullable(),
  /** Why it closed, e.g. "scan 3f2… no longer sees Telnet on 10.0.0.5:23, 2026-12-01". */
  closedEvidence: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type Action = z.infer<typeof action>

export const actionListQuery = z.object({
  status: actionStatus.optional(),
  owner: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type ActionListQuery = z.infer<typeof actionListQuery>

export const actionList = z.object({
  items: z.array(action),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  counts: z.object({ open: z.number().int(), overdue: z.number().int(), accepted: z.number().int() }),
})
export type ActionList = z.infer<typeof actionList>

export const actionDetail = action.extend({
  devices: z.array(
    z.object({
      deviceId: z.string().nullable(),
      assetTag: z.string().nullable(),
      name: z.string().nullable(),
      location: z.string().nullable(),
      findingIds: z.array(z.string()),
      /** Where it was seen (address:port) or null for a finding about the device itself. */
      where: z.array(z.string()),
    }),
  ),
})
export type ActionDetail = z.infer<typeof actionDetail>

export const actionPatch = z.object({
  owner: z.string().max(200).nullable().optional(),
  dueOn: isoDate.optional(),
  status: z.enum(['open', 'in_progress', 'done']).optional(),
  /** Optimistic locking: the version the caller saw. */
  version: z.number().int(),
})
export type ActionPatch = z.infer<typeof actionPatch>

export const actionAccept = z.object({
  reason: z.string().min(1).max(2000),
  approver: z.string().min(1).max(200),
  expiresOn: isoDate,
})
export type ActionAccept = z.infer<typeof actionAccept>

/** Days from an action's creation to its due date, per severity; KEV-listed problems use `knownExploited`. */
export const slaPolicy = z.object({
  critical: z.number().int().min(1).max(3650),
  high: z.number().int().min(1).max(3650),
  medium: z.number().int().min(1).max(3650),
  low: z.number().int().min(1).max(3650),
  info: z.number().int().min(1).max(3650),
  knownExploited: z.number().int().min(1).max(3650),
})
export type SlaPolicy = z.infer<typeof slaPolicy>

export const actionSyncResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  closed: z.number().int(),
  open: z.number().int(),
})
export type ActionSyncResult = z.infer<typeof actionSyncResult>
