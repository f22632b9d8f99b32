import type { TFunction } from 'i18next'

/** An audit action (e.g. `device.update`) in the UI's language; unknown actions are shown as recorded. */
export function auditActionName(t: TFunction, action: string): string {
  return t(`auditNames.action.${action.replaceAll('.', '_')}`, { defaultValue: action })
}

/** An audit target type (e.g. `scan_scope`) in the UI's language. */
export function auditTargetTypeName(t: TFunction, type: string): string {
  return t(`auditNames.target.${type}`, { defaultValue: type })
}
