import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** 確定 / 候補 as a badge. */
export function LinkStateBadge({ state }: { state: 'suggested' | 'confirmed' }) {
  const { t } = useTranslation()
  return (
    <Badge size="sm" variant="light" color={state === 'confirmed' ? 'teal' : 'yellow'}>
      {t(`catalog.state.${state}`)}
    </Badge>
  )
}

/** The link's reason in the UI's language. */
export function useReason(): (l: { reason: string; reasonJa: string }) => string {
  const { i18n } = useTranslation()
  return (l) => (i18n.language.startsWith('ja') ? l.reasonJa : l.reason)
}

/** Models as Select options: "Vendor Name (versions)". */
export function modelOptions(
  models: { id: string; vendor: string; name: string; versionFrom: string | null; versionTo: string | null }[],
  exceptId?: string,
) {
  return models
    .filter((m) => m.id !== exceptId)
    .map((m) => ({
      value: m.id,
      label: `${m.vendor} ${m.name}${m.versionFrom || m.versionTo ? ` (${m.versionFrom ?? '…'}–${m.versionTo ?? '…'})` : ''}`,
    }))
}
