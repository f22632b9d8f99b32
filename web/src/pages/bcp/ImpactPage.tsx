import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { DependencyGraph } from '../../components/graph/DependencyGraph.js'
import { bcpApi, bcpKeys, type ImpactResult, nodeLink, nodeParam } from '../../data/bcp.js'
import { BcpTabs, CardsDownload, CriticalityBadge, NodePicker, useJa, useMtdText, WarningList } from './parts.js'

/** 「この機器・区画・外部接続が止まったら?」: which clinical services stop or degrade, how long they can bear it. */
export function BcpImpactPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const node = params.get('node') ?? ''
  const [typed, setTyped] = useState(node)
  // A click in the picture or a link changes the node: keep the typed field in step.
  useEffect(() => setTyped(node), [node])
  const choose = (value: string) => {
    setTyped(value)
    setParams(value ? { node: value } : {})
  }
  const q = useQuery({
    queryKey: bcpKeys.impact(node),
    queryFn: () => bcpApi.impact(node),
    enabled: node.length > 0,
    retry: false,
  })
  return (
    <Stack gap="md">
      <PageHeader title={t('bcp.impactTitle')} />
      <BcpTabs />
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-impact-pick">
        <Title order={3} size="h5" mb="xs" id="bcp-impact-pick">
          {t('bcp.impact.question')}
        </Title>
        <Text size="sm" mb="sm">
          {t('bcp.impact.intro')}
        </Text>
        <NodePicker onPick={(ref) => choose(nodeParam(ref))} submitLabel={t('bcp.impact.run')} />
        <form
          onSubmit={(e) => {
            e.preventDefault()
            choose(typed.trim())
          }}
        >
          <Group align="end" gap="xs" mt="sm">
            <TextInput
              label={t('bcp.impact.typed')}
              description={t('bcp.impact.typedHint')}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              w={360}
            />
            <Button type="submit" variant="default" leftSection={<IconSearch size={16} />} disabled={!typed.trim()}>
              {t('bcp.impact.run')}
            </Button>
          </Group>
        </form>
      </Paper>
      {node && q.error && <ErrorAlert error={q.error} title={t('bcp.impact.failed', { node })} />}
      {node && q.isLoading && <Skeleton h={200} />}
      {q.data && <ImpactView result={q.data} />}
    </Stack>
  )
}

function ImpactView({ result: r }: { result: ImpactResult }) {
  const { t } = useTranslation()
  const ja = useJa()
  const mtd = useMtdText()
  const navigate = useNavigate()
  const stops = r.services.filter((s) => s.effect === 'stops').length
  return (
    <Stack gap="md" data-impact={`${r.node.kind}:${r.node.id}`}>
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-impact-summary">
        <Title order={3} size="h4" id="bcp-impact-summary">
          {t('bcp.impact.resultTitle', { kind: t(`bcp.kind.${r.node.kind}`), label: r.node.label })}
        </Title>
        <Group gap="lg" mt="xs">
          <Text size="sm" fw={700} c={stops > 0 ? 'red.8' : undefined} data-stops={stops}>
            {t('bcp.impact.stops', { count: stops })}
          </Text>
          <Text size="sm">{t('bcp.impact.degrades', { count: r.services.length - stops })}</Text>
          <Text size="sm">{t('bcp.impact.devices', { count: r.devicesAffected })}</Text>
          <Text size="sm" fw={700}>
            {r.tightestMinutes === null
              ? t('bcp.impact.noTightest')
              : t('bcp.impact.tightest', { value: mtd(r.tightestMinutes) })}
          </Text>
        </Group>
        {r.node.kind === 'device' && (
          <Group mt="sm" gap="xs">
            <Anchor component={Link} to={nodeLink(r.node)} size="sm">
              {t('bcp.impact.openPlan')}
            </Anchor>
            <CardsDownload devices={[r.node.id]} compact />
          </Group>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-impact-list">
        <Title order={3} size="h5" mb="xs" id="bcp-impact-list">
          {t('bcp.impact.listTitle')}
        </Title>
        {r.services.length === 0 ? (
          <Text size="sm">{t('bcp.impact.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table fz="sm" aria-label={t('bcp.impact.listTitle')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bcp.service.name')}</Table.Th>
                  <Table.Th>{t('bcp.impact.effect')}</Table.Th>
                  <Table.Th>{t('bcp.service.mtd')}</Table.Th>
                  <Table.Th>{t('bcp.service.fallback')}</Table.Th>
                  <Table.Th>{t('bcp.service.decider')}</Table.Th>
                  <Table.Th>{t('bcp.impact.path')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.services.map((s) => (
                  <Table.Tr key={s.id} data-service={s.id} data-effect={s.effect}>
                    <Table.Td>
                      <Anchor component={Link} to={`/bcp/services/${encodeURIComponent(s.id)}`} fw={600} size="sm">
                        {ja || !s.nameEn ? s.name : s.nameEn}
                      </Anchor>
                      <div>
                        <CriticalityBadge value={s.criticality} />
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.effect === 'stops' ? 'red' : 'yellow'} variant="filled">
                        {t(`bcp.state.${s.effect}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={s.maxDowntimeMinutes === null ? 'orange.8' : undefined}>
                        {mtd(s.maxDowntimeMinutes)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={280}>
                      <Text size="sm">
                        {(ja ? s.fallbackJa : s.fallbackEn) || (ja ? s.fallbackEn : s.fallbackJa) || (
                          <Text span size="sm" c="orange.8" fw={600}>
                            {t('bcp.missing')}
                          </Text>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {s.decider ?? (
                        <Text span size="sm" c="orange.8" fw={600}>
                          {t('bcp.missing')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Breadcrumbs separator="→" separatorMargin={4}>
                        {s.path.map((p) => (
                          <Anchor
                            key={`${p.kind}:${p.id}`}
                            component={Link}
                            to={nodeLink(p)}
                            size="xs"
                            title={t(`bcp.kind.${p.kind}`)}
                          >
                            {p.label}
                          </Anchor>
                        ))}
                      </Breadcrumbs>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-impact-graph">
        <Title order={3} size="h5" mb="xs" id="bcp-impact-graph">
          {t('bcp.impact.graphTitle')}
        </Title>
        <DependencyGraph
          graph={r.graph}
          label={t('bcp.impact.graphLabel', { label: r.node.label })}
          onNodeClick={(ref) => navigate(`/bcp/impact?node=${encodeURIComponent(nodeParam(ref))}`)}
        />
      </Paper>
      <WarningList warnings={r.warnings} title={t('bcp.impact.warnings', { count: r.warnings.length })} />
    </Stack>
  )
}
