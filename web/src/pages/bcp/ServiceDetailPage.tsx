import { Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Issue 11 placeholder: replaced by the page itself. */
export function BcpServiceDetailPage() {
  const { t } = useTranslation()
  return (
    <Stack>
      <Title order={2}>{t('bcp.title')}</Title>
    </Stack>
  )
}
