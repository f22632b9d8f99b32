import { z } from 'zod'
import { action } from './actions.js'
import { checklistCompletion } from './checklist.js'
import { deviceRisk, riskSummary } from './risk.js'

/**
 * Reports for management and inspections (issue 10): a management report (経営層向け), an inspection pack (立入検査:
 * the checklist in MHLW's layout with the evidence list), a one-page device card. PDF with an embedded Japanese font
 * and extractable text through the documents seam (src/documents), generated from the same data the UI shows.
 * Scheduled reports go by e-mail where SMTP is configured.
 *
 * Routes (reads `viewer`; schedules `admin`; every download is audited as an export):
 *  GET  /api/reports/management?lang=ja|en&format=pdf|docx   → the file
 *  GET  /api/reports/inspection?lang=ja|en&format=pdf        → the file
 *  GET  /api/reports/device-card/:deviceId?lang=ja|en        → PDF
 *  GET  /api/reports/schedules                               → {items: reportSchedule[]}
 *  POST /api/reports/schedules  reportScheduleInput          → reportSchedule (admin)
 *  DELETE /api/reports/schedules/:id                         → 204 (admin)
 *  GET  /api/home                                            → homeView (viewer)
 *  POST /api/reports/schedules/:id/send                      → {sent: number} (admin; sends now)
 */

export const REPORT_KINDS = ['management', 'inspection'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const reportQuery = z.object({
  lang: z.enum(['ja', 'en']).default('ja'),
  format: z.enum(['pdf', 'docx']).default('pdf'),
})

export const reportScheduleInput = z.object({
  kind: z.enum(REPORT_KINDS),
  lang: z.enum(['ja', 'en']),
  /** 5-field cron in the server's time zone, e.g. "0 7 1 * *" (07:00 on the 1st of each month). */
  cron: z.string().min(9).max(100),
  recipients: z.array(z.string().email().max(320)).min(1).max(50),
})
export type ReportScheduleInput = z.infer<typeof reportScheduleInput>

export const reportSchedule = reportScheduleInput.extend({
  id: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable(),
})
export type ReportSchedule = z.infer<typeof reportSchedule>

/** The home page: "what should I do first?" */
export const homeView = z.object({
  generatedAt: z.string(),
  /** The riskiest devices with why (top 5). */
  topDevices: z.array(deviceRisk),
  /** The most urgent actions (top 5). */
  topActions: z.array(action),
  riskSummary,
  checklist: checklistCompletion.nullable(),
  /** Counts for the first-steps panel. */
  counts: z.object({
    devices: z.number().int(),
    openActions: z.number().int(),
    overdueActions: z.number().int(),
    knownExploitedDevices: z.number().int(),
  }),
})
export type HomeView = z.infer<typeof homeView>
