import { Button, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'

/** Shown for a client route that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <Stack align="flex-start">
      <Title order={2}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Button component={Link} to="/">
        {t('nav.dashboard')}
      </Button>
    </Stack>
  )
}
