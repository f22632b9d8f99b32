/**
 * Operations (運用) over HTTP (api/operations.ts): the support-end / service-life calendar, reminder settings, the
 * re-scan cadence per category and the devices overdue, and one device's timeline.
 */
import type {
  CalendarEvent,
  CalendarEventKind,
  DeviceTimeline,
  LifecycleCalendar,
  ReminderSettings,
  RescanCadence,
  RescanDueList,
  TimelineEntry,
} from '../../../api/operations.js'
import { api, queryString } from '../api.js'
import type { Filters, Invalidator } from './keys.js'

export type {
  CalendarEvent,
  CalendarEventKind,
  DeviceTimeline,
  LifecycleCalendar,
  ReminderSettings,
  RescanCadence,
  RescanDueList,
  TimelineEntry,
}

const enc = encodeURIComponent

export const lifecycleKeys = {
  all: ['lifecycle'] as const,
  calendar: (filters: Filters) => [...lifecycleKeys.all, 'calendar', filters] as const,
  reminders: () => [...lifecycleKeys.all, 'reminders'] as const,
  cadence: () => [...lifecycleKeys.all, 'cadence'] as const,
  rescanDue: (filters: Filters) => [...lifecycleKeys.all, 'rescan-due', filters] as const,
  timeline: (deviceId: string) => [...lifecycleKeys.all, 'timeline', deviceId] as const,
}

export async function invalidateLifecycle(qc: Invalidator): Promise<void> {
  await qc.invalidateQueries({ queryKey: lifecycleKeys.all })
}

export const lifecycleApi = {
  calendar: (filters: Filters) => api<LifecycleCalendar>(`/api/lifecycle/calendar${queryString(filters)}`),
  reminders: () => api<ReminderSettings>('/api/lifecycle/reminders'),
  saveReminders: (json: ReminderSettings) => api<ReminderSettings>('/api/lifecycle/reminders', { method: 'PUT', json }),
  runReminders: () => api<{ sent: number }>('/api/lifecycle/reminders/run', { method: 'POST' }),
  cadence: () => api<RescanCadence>('/api/lifecycle/rescan-cadence'),
  saveCadence: (json: RescanCadence) => api<RescanCadence>('/api/lifecycle/rescan-cadence', { method: 'PUT', json }),
  rescanDue: (filters: Filters) => api<RescanDueList>(`/api/lifecycle/rescan-due${queryString(filters)}`),
  timeline: (deviceId: string, before?: string | null) =>
    api<DeviceTimeline>(`/api/devices/${enc(deviceId)}/timeline${queryString({ limit: 30, before })}`),
}
