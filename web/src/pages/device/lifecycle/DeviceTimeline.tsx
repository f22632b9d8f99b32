import { Anchor, Badge, Button, Paper, Skeleton, Text, Timeline, Title } from '@mantine/core'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { ErrorAlert, formatDateTime } from '../../../components/common.js'
import { lifecycleApi, lifecycleKeys, type TimelineEntry } from '../../../data/lifecycle.js'

const KIND_COLOR: Record<TimelineEntry['kind'], string> = {
  ledger: 'gray',
  scan: 'blue',
  finding_opened: 'orange',
  finding_closed: 'teal',
  vulnerability: 'red',
  disclosure: 'indigo',
  acceptance: 'cyan',
  decommission: 'dark',
  action: 'grape',
  continuity: 'lime',
}

/**
 * 履歴タイムライン: the device's history — ledger changes, scans, findings opened and closed, advisories, disclosures,
 * acceptance, decommissioning, actions, continuity — newest first, thirty at a time.
 */
export function DeviceTimeline({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation()
  const ja = i18n.language.startsWith('ja')
  const q = useInfiniteQuery({
    queryKey: lifecycleKeys.timeline(deviceId),
    queryFn: ({ pageParam }) => lifecycleApi.timeline(deviceId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  })
  const entries = q.data?.pages.flatMap((p) => p.entries) ?? []
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="device-timeline">
      <Title order={3} size="h5" id="device-timeline" mb="sm">
        {t('lifecycle.timeline.title')}
      </Title>
      {q.error && <ErrorAlert error={q.error} />}
      {q.isPending && <Skeleton h={120} />}
      {q.data && entries.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('lifecycle.timeline.empty')}
        </Text>
      )}
      {entries.length > 0 && (
        <Timeline bulletSize={14} lineWidth={2} aria-label={t('lifecycle.timeline.title')}>
          {entries.map((e, i) => (
            <Timeline.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; two may share a time and kind
              key={`${e.at}-${e.kind}-${i}`}
              color={KIND_COLOR[e.kind]}
              data-kind={e.kind}
              title={
                <Text size="sm" fw={600} component="span">
                  {e.link ? (
                    <Anchor component={Link} to={e.link}>
                      {ja ? e.titleJa : e.titleEn}
                    </Anchor>
                  ) : ja ? (
                    e.titleJa
                  ) : (
                    e.titleEn
                  )}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                <Badge size="xs" variant="light" color={KIND_COLOR[e.kind]} mr={4}>
                  {t(`lifecycle.timeline.kind.${e.kind}`)}
                </Badge>
                {formatDateTime(e.at, i18n.language)}
                {e.actor ? ` · ${e.actor}` : ''}
              </Text>
              {(ja ? e.detailJa : e.detailEn) && <Text size="sm">{ja ? e.detailJa : e.detailEn}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {q.hasNextPage && (
        <Button
          mt="sm"
          size="xs"
          variant="default"
          loading={q.isFetchingNextPage}
          onClick={() => void q.fetchNextPage()}
        >
          {t('lifecycle.timeline.more')}
        </Button>
      )}
    </Paper>
  )
}
