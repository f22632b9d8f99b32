import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { IconBell } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { formatDateTime } from '../../components/common.js'
import { type NotificationItem, notificationKeys, vulnsApi } from '../../data/vulns.js'

/** How often the header asks for new notifications (new matches arrive with a sync or an import). */
const POLL_MS = 60_000

/**
 * The header's bell: how many notifications are unread, the latest ones (new matches, failed syncs) in the UI's
 * language, opening the advisory on click, and "mark all read".
 */
export function NotificationsBell() {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [opened, setOpened] = useState(false)
  const q = useQuery({ queryKey: notificationKeys.list(), queryFn: vulnsApi.notifications, refetchInterval: POLL_MS })
  const read = useMutation({
    mutationFn: vulnsApi.markRead,
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  })
  const unread = q.data?.unread ?? 0
  const ja = i18n.language.startsWith('ja')

  const open = (n: NotificationItem) => {
    if (!n.read) read.mutate([n.id])
    setOpened(false)
    if (n.body.advisoryId) navigate(`/advisories/${encodeURIComponent(n.body.advisoryId)}`)
    else if (n.kind === 'sync-failed') navigate('/feeds')
    else if (n.kind === 'lifecycle-reminder') navigate('/lifecycle')
  }

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} color="red" disabled={unread === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('notifications.bell', { count: unread })}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={18} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text size="sm" fw={600}>
            {t('notifications.title')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" loading={read.isPending} onClick={() => read.mutate('all')}>
              {t('notifications.markAll')}
            </Button>
          )}
        </Group>
        {q.data && q.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('notifications.none')}
          </Text>
        )}
        <ScrollArea.Autosize mah={360}>
          <Stack gap={4}>
            {q.data?.items.map((n) => (
              <UnstyledButton key={n.id} onClick={() => open(n)} p={6} data-notification={n.id} data-read={n.read}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {!n.read && <Badge size="xs" color="red" variant="dot" aria-label={t('notifications.unread')} />}
                  <Stack gap={0}>
                    <Text size="sm" fw={n.read ? 400 : 600}>
                      {ja ? n.titleJa : n.titleEn}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt, i18n.language)}
                      {n.body.knownExploited ? ` · ${t('vulns.kev.badge')}` : ''}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  )
}
