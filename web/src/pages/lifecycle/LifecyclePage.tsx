import { Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../components/common.js'
import { CalendarSection } from './CalendarSection.js'
import { RescanSection } from './RescanSection.js'
import { SettingsSection } from './SettingsSection.js'

/**
 * 運用カレンダー: what comes due in the devices' working lives — support ends and service-life ends by month, the devices
 * overdue for a re-scan, and (admins change them) the reminder settings and the re-scan cadence per category.
 */
export function LifecyclePage() {
  const { t } = useTranslation()
  return (
    <Stack gap="md">
      <PageHeader title={t('lifecycle.title')} />
      <Text size="sm" c="dimmed">
        {t('lifecycle.intro')}
      </Text>
      <CalendarSection />
      <RescanSection />
      <SettingsSection />
    </Stack>
  )
}
