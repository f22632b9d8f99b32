import { Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Placeholder until the capture pages are built (issue 12). */
export function CapturesPage() {
  const { t } = useTranslation()
  return <Title order={2}>{t('capture.title')}</Title>
}
