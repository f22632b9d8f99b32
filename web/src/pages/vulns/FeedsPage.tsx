import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconDownload, IconPencil, IconRefresh } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../../components/common.js'
import { JobProgress } from '../../components/JobProgress.js'
import { StatCard } from '../../components/StatCard.js'
import { type FeedSource, invalidateVulns, vulnKeys, vulnsApi } from '../../data/vulns.js'
import { FeedImport } from './FeedImport.js'
import { bilingualText, HeadRow, Section } from './parts.js'

/**
 * Where advisories come from: each source with its last sync and error, how much is stored, a file import for
 * hospitals without internet, 同期 (a feed-sync job followed live), the offline bundle for another installation,
 * and (admins) each source's address and whether it is used.
 */
export function FeedsPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const lang = i18n.language
  const q = useQuery({ queryKey: vulnKeys.feeds(), queryFn: vulnsApi.feeds })
  const [jobId, setJobId] = useState<string | null>(null)
  const [editing, setEditing] = useState<FeedSource | null>(null)
  const sync = useMutation({ mutationFn: vulnsApi.sync, onSuccess: (r) => setJobId(r.jobId) })
  const counts = q.data?.counts

  return (
    <Stack gap="md">
      <PageHeader title={t('feeds.title')}>
        {canEdit(user) && (
          <Button leftSection={<IconRefresh size={16} />} loading={sync.isPending} onClick={() => sync.mutate()}>
            {t('feeds.sync')}
          </Button>
        )}
        <Button
          component="a"
          href={vulnsApi.exportUrl}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          {t('feeds.export')}
        </Button>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('feeds.intro')}
      </Text>
      {sync.error && <ErrorAlert error={sync.error} />}
      {jobId && <JobProgress jobId={jobId} onFinished={() => void invalidateVulns(qc)} />}
      {q.error && <ErrorAlert error={q.error} />}
      {counts && (
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <StatCard label={t('feeds.count.advisories')} value={counts.advisories} />
          <StatCard label={t('feeds.count.cves')} value={counts.cves} />
          <StatCard label={t('feeds.count.kev')} value={counts.kev} />
          <StatCard label={t('feeds.count.epss')} value={counts.epss} />
          <StatCard label={t('feeds.count.components')} value={counts.components} />
        </SimpleGrid>
      )}
      {!q.data && !q.error && <Skeleton h={160} />}
      {q.data && (
        <Section id="feeds-sources" title={t('feeds.sources')}>
          <Table.ScrollContainer minWidth={860}>
            <Table fz="sm" aria-label={t('feeds.sources')}>
              <HeadRow
                labels={[
                  t('feeds.col.source'),
                  t('feeds.col.address'),
                  t('feeds.col.lastSuccess'),
                  t('feeds.col.lastError'),
                  t('feeds.col.items'),
                  '',
                ]}
              />
              <Table.Tbody>
                {q.data.sources.map((s) => (
                  <Table.Tr key={s.id} data-source={s.kind}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {t(`feeds.kind.${s.kind}`)}
                      </Text>
                      <Badge size="xs" variant="light" color={s.enabled ? 'teal' : 'gray'}>
                        {s.enabled ? t('feeds.enabled') : t('feeds.disabled')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {s.url ?? t('feeds.fileOnly')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(s.lastSuccessAt, lang)}</Table.Td>
                    <Table.Td>
                      {s.lastError ? (
                        <Text size="xs" c="red.7">
                          {bilingualText(s.lastError, lang)}
                        </Text>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{formatNumber(s.itemCount, lang)}</Table.Td>
                    <Table.Td>
                      {isAdmin(user) && (
                        <Tooltip label={t('feeds.edit.title')}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('feeds.edit.label', { source: t(`feeds.kind.${s.kind}`) })}
                            onClick={() => setEditing(s)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}
      {canEdit(user) && <FeedImport />}
      <SourceEdit source={editing} onClose={() => setEditing(null)} />
    </Stack>
  )
}

/** An admin sets a source's address (a local mirror, say) and whether sync uses it. */
function SourceEdit({ source, onClose }: { source: FeedSource | null; onClose: () => void }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [url, setUrl] = useState('')
  const [enabled, setEnabled] = useState(true)
  const [shownFor, setShownFor] = useState<string | null>(null)
  if (source && shownFor !== source.id) {
    setShownFor(source.id)
    setUrl(source.url ?? '')
    setEnabled(source.enabled)
  }
  const save = useMutation({
    mutationFn: () =>
      vulnsApi.saveFeed(source?.id ?? '', { kind: source?.kind ?? 'csaf', url: url.trim() || null, enabled }),
    onSuccess: async () => {
      await invalidateVulns(qc)
      setShownFor(null)
      onClose()
    },
  })
  const close = () => {
    setShownFor(null)
    save.reset()
    onClose()
  }
  return (
    <Modal opened={source !== null} onClose={close} title={t('feeds.edit.title')}>
      {source && (
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {t(`feeds.kind.${source.kind}`)}
          </Text>
          <TextInput
            label={t('feeds.edit.url')}
            description={t('feeds.edit.urlHint')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <Switch
            label={t('feeds.edit.enabled')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
