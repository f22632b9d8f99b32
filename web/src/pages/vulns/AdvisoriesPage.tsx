import {
  Alert,
  Anchor,
  Button,
  Group,
  Pagination,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconCheck, IconRss, IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import type { AdvisorySummary } from '../../../../api/vulns.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { vulnKeys, vulnsApi } from '../../data/vulns.js'
import { HeadRow, KevBadge, SeverityBadge } from './parts.js'

const PAGE = 50

/**
 * Advisories: 「今朝の新着」 (new since the caller's last visit, marked seen with one button) or every advisory, paged,
 * with a known-exploited filter and a search over id, title and CVE. Each row says how many of our devices it hits.
 */
export function AdvisoriesPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const view = params.get('view') === 'all' ? 'all' : 'morning'
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k)
    setParams(next, { replace: true })
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('vulns.list.title')}>
        <Button component={Link} to="/feeds" variant="default" leftSection={<IconRss size={16} />}>
          {t('feeds.title')}
        </Button>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('vulns.list.intro')}
      </Text>
      <SegmentedControl
        aria-label={t('vulns.list.view')}
        value={view}
        onChange={(v) => set({ view: v === 'all' ? 'all' : null, page: null })}
        data={[
          { value: 'morning', label: t('vulns.morning.title') },
          { value: 'all', label: t('vulns.list.all') },
        ]}
        maw={360}
      />
      {view === 'morning' ? <MorningView /> : <AllAdvisories params={params} set={set} />}
    </Stack>
  )
}

function MorningView() {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const q = useQuery({ queryKey: vulnKeys.morning(), queryFn: vulnsApi.morning })
  const seen = useMutation({
    mutationFn: vulnsApi.morningSeen,
    onSuccess: () => void qc.invalidateQueries({ queryKey: vulnKeys.morning() }),
  })
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Skeleton h={160} />
  const since = q.data.since
    ? t('vulns.morning.since', { when: formatDateTime(q.data.since, i18n.language) })
    : t('vulns.morning.firstVisit')
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">{since}</Text>
        {q.data.items.length > 0 && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconCheck size={14} />}
            loading={seen.isPending}
            onClick={() => seen.mutate()}
          >
            {t('vulns.morning.markSeen')}
          </Button>
        )}
      </Group>
      {seen.error && <ErrorAlert error={seen.error} />}
      {q.data.items.length === 0 ? (
        <Alert color="gray">{t('vulns.morning.none')}</Alert>
      ) : (
        <AdvisoryTable items={q.data.items} label={t('vulns.morning.title')} />
      )}
    </Stack>
  )
}

function AllAdvisories({
  params,
  set,
}: {
  params: URLSearchParams
  set: (patch: Record<string, string | null>) => void
}) {
  const { t } = useTranslation()
  const kev = params.get('kev') === 'true'
  const page = Math.max(1, Number(params.get('page')) || 1)
  const [search] = useDebouncedValue(params.get('q') ?? '', 300)
  const filters = { kev: kev || undefined, q: search || undefined, limit: PAGE, offset: (page - 1) * PAGE }
  const q = useQuery({
    queryKey: vulnKeys.advisories(filters),
    queryFn: () => vulnsApi.advisories(filters),
    placeholderData: keepPreviousData,
  })
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / PAGE)) : 1
  return (
    <Stack gap="sm">
      <Group gap="md" align="end">
        <TextInput
          label={t('vulns.list.search')}
          placeholder={t('vulns.list.searchHint')}
          leftSection={<IconSearch size={16} />}
          defaultValue={params.get('q') ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value || null, page: null })}
          w={320}
        />
        <Switch
          label={t('vulns.list.kevOnly')}
          checked={kev}
          onChange={(e) => set({ kev: e.currentTarget.checked ? 'true' : null, page: null })}
        />
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={160} />}
      {q.data && q.data.items.length === 0 && <Alert color="gray">{t('vulns.list.empty')}</Alert>}
      {q.data && q.data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('vulns.list.total', { count: q.data.total })}
          </Text>
          <AdvisoryTable items={q.data.items} label={t('vulns.list.all')} />
          {pages > 1 && (
            <Pagination total={pages} value={page} onChange={(p) => set({ page: p > 1 ? String(p) : null })} />
          )}
        </>
      )}
    </Stack>
  )
}

/** One row per advisory: id and title, when released, CVEs, the worst CVSS band, KEV, and our affected devices. */
export function AdvisoryTable({ items, label }: { items: AdvisorySummary[]; label: string }) {
  const { t, i18n } = useTranslation()
  const ja = i18n.language.startsWith('ja')
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={860}>
        <Table fz="sm" striped highlightOnHover aria-label={label}>
          <HeadRow
            labels={[
              t('vulns.col.advisory'),
              t('vulns.col.released'),
              t('vulns.col.cves'),
              t('vulns.col.severity'),
              t('vulns.col.ourDevices'),
            ]}
          />
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id} data-advisory={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/advisories/${encodeURIComponent(a.id)}`} size="sm" fw={600}>
                    {a.id}
                  </Anchor>
                  <Text size="sm">{(ja && a.titleJa) || a.title}</Text>
                  {a.publisher && (
                    <Text size="xs" c="dimmed">
                      {a.publisher}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(a.releasedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{a.cves.slice(0, 4).join(', ')}</Text>
                  {a.cves.length > 4 && (
                    <Text size="xs" c="dimmed">
                      {t('vulns.list.moreCves', { count: a.cves.length - 4 })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <SeverityBadge severity={null} score={a.maxCvss} />
                    <KevBadge kev={a.knownExploited} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    fw={a.affectedDevices > 0 ? 700 : undefined}
                    c={a.affectedDevices > 0 ? 'red.7' : 'dimmed'}
                  >
                    {a.affectedDevices > 0
                      ? t('vulns.list.affectedCount', { count: a.affectedDevices })
                      : t('vulns.list.noneAffected')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  )
}
