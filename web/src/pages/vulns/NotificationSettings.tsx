import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NotificationChannels } from '../../../../api/vulns.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { notificationKeys, vulnsApi } from '../../data/vulns.js'
import { bilingualText } from './parts.js'

type Email = NonNullable<NotificationChannels['email']>

const NO_EMAIL: Email = { host: '', port: 587, secure: false, user: null, password: null, from: '', to: [] }

/**
 * Admins set where new matches are sent besides the in-app bell: an SMTP server (the password is write-only: blank
 * keeps the stored one) and a webhook; 「テスト送信」 sends one test message through each and shows what happened.
 */
export function NotificationSettingsPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const q = useQuery({ queryKey: notificationKeys.channels(), queryFn: vulnsApi.channels, enabled: isAdmin(user) })
  if (!isAdmin(user)) return <Alert color="gray">{t('common.adminOnly')}</Alert>
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={t('notifications.settings.title')} />
      <Text size="sm" c="dimmed">
        {t('notifications.settings.intro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data ? <ChannelsForm initial={q.data} /> : !q.error && <Skeleton h={320} />}
    </Stack>
  )
}

function ChannelsForm({ initial }: { initial: NotificationChannels }) {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const [emailOn, setEmailOn] = useState(initial.email !== null)
  const [email, setEmail] = useState<Email>({ ...(initial.email ?? NO_EMAIL), password: null })
  const [webhook, setWebhook] = useState(initial.webhook?.url ?? '')
  const set = (patch: Partial<Email>) => setEmail((e) => ({ ...e, ...patch }))
  const save = useMutation({
    mutationFn: () =>
      vulnsApi.saveChannels({
        email: emailOn ? { ...email, user: email.user?.trim() || null, password: email.password || null } : null,
        webhook: webhook.trim() ? { url: webhook.trim() } : null,
      }),
    onSuccess: (saved) => qc.setQueryData(notificationKeys.channels(), saved),
  })
  const test = useMutation({ mutationFn: vulnsApi.testChannels })

  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="notify-email">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h5" id="notify-email">
              {t('notifications.settings.email')}
            </Title>
            <Switch
              label={t('notifications.settings.emailOn')}
              checked={emailOn}
              onChange={(e) => setEmailOn(e.currentTarget.checked)}
            />
          </Group>
          {emailOn && (
            <>
              <Group grow>
                <TextInput
                  label={t('notifications.settings.host')}
                  value={email.host}
                  onChange={(e) => set({ host: e.currentTarget.value })}
                  required
                />
                <NumberInput
                  label={t('notifications.settings.port')}
                  value={email.port}
                  min={1}
                  max={65535}
                  onChange={(v) => set({ port: typeof v === 'number' ? v : 587 })}
                />
              </Group>
              <Switch
                label={t('notifications.settings.secure')}
                checked={email.secure}
                onChange={(e) => set({ secure: e.currentTarget.checked })}
              />
              <Group grow>
                <TextInput
                  label={t('notifications.settings.user')}
                  value={email.user ?? ''}
                  onChange={(e) => set({ user: e.currentTarget.value })}
                />
                <PasswordInput
                  label={t('notifications.settings.password')}
                  description={initial.email?.passwordSet ? t('notifications.settings.passwordKept') : undefined}
                  value={email.password ?? ''}
                  onChange={(e) => set({ password: e.currentTarget.value })}
                />
              </Group>
              <TextInput
                label={t('notifications.settings.from')}
                value={email.from}
                onChange={(e) => set({ from: e.currentTarget.value })}
                required
              />
              <TagsInput
                label={t('notifications.settings.to')}
                description={t('notifications.settings.toHint')}
                value={email.to}
                onChange={(to) => set({ to })}
              />
            </>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="notify-webhook">
        <Stack gap="sm">
          <Title order={3} size="h5" id="notify-webhook">
            {t('notifications.settings.webhook')}
          </Title>
          <TextInput
            label={t('notifications.settings.webhookUrl')}
            description={t('notifications.settings.webhookHint')}
            value={webhook}
            onChange={(e) => setWebhook(e.currentTarget.value)}
          />
        </Stack>
      </Paper>
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && <Alert color="teal">{t('notifications.settings.saved')}</Alert>}
      <Group>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {t('common.save')}
        </Button>
        <Button variant="default" loading={test.isPending} onClick={() => test.mutate()}>
          {t('notifications.settings.test')}
        </Button>
      </Group>
      {test.error && <ErrorAlert error={test.error} />}
      {test.data && (
        <Alert color="blue" title={t('notifications.settings.testResult')}>
          <Text size="sm">{`${t('notifications.settings.email')}: ${delivery(test.data.email, t, i18n.language)}`}</Text>
          <Text size="sm">{`${t('notifications.settings.webhook')}: ${delivery(test.data.webhook, t, i18n.language)}`}</Text>
        </Alert>
      )}
    </>
  )
}

/** One channel's test result in words: not set up, sent, or failed with the server's reason in the UI's language. */
function delivery(result: string, t: (key: string, opts?: Record<string, unknown>) => string, lang: string): string {
  if (result === 'skipped') return t('notifications.settings.notSet')
  if (result === 'sent') return t('notifications.settings.sent')
  return t('notifications.settings.failed', { why: bilingualText(result, lang) })
}
