import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconDownload, IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import { BED_BANDS, REGIONS } from '../../../../api/benchmark.js'
import { ApiError } from '../../api.js'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import {
  type BenchmarkSettings,
  benchmarkApi,
  benchmarkKeys,
  type CohortReport,
  invalidateBenchmark,
} from '../../data/benchmark.js'
import { downloadFile } from '../../data/reports.js'
import { useJa } from '../risk/parts.js'
import { BulletChart, formatIndicator } from './PositionChart.js'

/**
 * ベンチマーク: this hospital's indicators with their formulas, its position in the last imported cohort report
 * (one bullet chart per indicator), the anonymous profile export and import, the coordinator's compare table with
 * suppressed figures marked 秘匿 and why, and the settings (admin).
 */
export function BenchmarkPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'own'
  return (
    <Stack gap="md">
      <PageHeader title={t('benchmarkUi.title')} />
      <Text size="sm" c="dimmed">
        {t('benchmarkUi.intro')}
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => {
          const next = new URLSearchParams()
          if (v && v !== 'own') next.set('tab', v)
          setParams(next, { replace: true })
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="own">{t('benchmarkUi.tab.own')}</Tabs.Tab>
          <Tabs.Tab value="position">{t('benchmarkUi.tab.position')}</Tabs.Tab>
          <Tabs.Tab value="exchange">{t('benchmarkUi.tab.exchange')}</Tabs.Tab>
          <Tabs.Tab value="compare">{t('benchmarkUi.tab.compare')}</Tabs.Tab>
          {isAdmin(user) && <Tabs.Tab value="settings">{t('benchmarkUi.tab.settings')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="own" pt="md">
          <OwnIndicators />
        </Tabs.Panel>
        <Tabs.Panel value="position" pt="md">
          <Position />
        </Tabs.Panel>
        <Tabs.Panel value="exchange" pt="md">
          <Exchange />
        </Tabs.Panel>
        <Tabs.Panel value="compare" pt="md">
          <Compare />
        </Tabs.Panel>
        {isAdmin(user) && (
          <Tabs.Panel value="settings" pt="md">
            <Settings />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  )
}

function OwnIndicators() {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const q = useQuery({ queryKey: benchmarkKeys.indicators(), queryFn: benchmarkApi.indicators })
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Skeleton h={200} />
  return (
    <Paper withBorder>
      <Table fz="sm" aria-label={t('benchmarkUi.own.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('benchmarkUi.col.indicator')}</Table.Th>
            <Table.Th>{t('benchmarkUi.col.value')}</Table.Th>
            <Table.Th>{t('benchmarkUi.col.formula')}</Table.Th>
            <Table.Th>{t('benchmarkUi.col.better')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.map((i) => (
            <Table.Tr key={i.id} data-indicator={i.id}>
              <Table.Td fw={600}>{ja ? i.titleJa : i.titleEn}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={700}>
                  {i.value === null
                    ? t('benchmarkUi.own.notMeasurable')
                    : formatIndicator(i.value, i.unit, i18n.language)}
                </Text>
                {i.numerator !== null && i.denominator !== null && (
                  <Text size="xs" c="dimmed">
                    {i.numerator} / {i.denominator}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs">{ja ? i.formulaJa : i.formulaEn}</Text>
              </Table.Td>
              <Table.Td>{t(`benchmarkUi.better.${i.betterWhen}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

function Position() {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const q = useQuery({
    queryKey: benchmarkKeys.position(),
    queryFn: benchmarkApi.position,
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  })
  if (q.error instanceof ApiError && q.error.status === 404) {
    return <Alert color="gray">{t('benchmarkUi.position.none')}</Alert>
  }
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Skeleton h={200} />
  const p = q.data
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('benchmarkUi.position.meta', {
          when: formatDateTime(p.reportCreatedAt, i18n.language),
          cohort: p.cohortKey,
          size: p.cohortSize,
        })}
      </Text>
      <Group gap="md">
        <Group gap={4}>
          <span
            style={{ display: 'inline-block', width: 16, height: 10, background: 'var(--mantine-color-indigo-2)' }}
          />
          <Text size="xs">{t('benchmarkUi.position.legendBand')}</Text>
        </Group>
        <Group gap={4}>
          <span
            style={{ display: 'inline-block', width: 2, height: 12, background: 'var(--mantine-color-indigo-8)' }}
          />
          <Text size="xs">{t('benchmarkUi.position.legendMedian')}</Text>
        </Group>
        <Group gap={4}>
          <span
            style={{
              display: 'inline-block',
              width: 10,
              height: 10,
              borderRadius: 5,
              background: 'var(--mantine-color-orange-6)',
            }}
          />
          <Text size="xs">{t('benchmarkUi.position.legendOwn')}</Text>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {p.items.map((i) => (
          <Paper key={i.id} withBorder p="sm" data-position={i.id}>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {ja ? i.titleJa : i.titleEn}
              </Text>
              {i.suppressed ? (
                <Badge color="gray">{t('benchmarkUi.suppressed')}</Badge>
              ) : (
                i.percentile !== null && (
                  <Badge color="indigo" variant="light" data-percentile={Math.round(i.percentile)}>
                    {t('benchmarkUi.position.percentile', { n: Math.round(i.percentile) })}
                  </Badge>
                )
              )}
            </Group>
            <BulletChart item={i} />
            <Text size="xs" c="dimmed" mt={4}>
              {ja ? i.formulaJa : i.formulaEn}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  )
}

/** Export this hospital's anonymous profile; import profiles (coordinator) or a published cohort report. */
function Exchange() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [files, setFiles] = useState<File[]>([])
  const exporter = useMutation({
    mutationFn: () => downloadFile(benchmarkApi.exportPath, 'mamori-benchmark-profile.json'),
  })
  const importer = useMutation({
    mutationFn: (f: File[]) => benchmarkApi.import(f),
    onSuccess: () => void invalidateBenchmark(qc),
  })
  const engineer = canEdit(user)
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('benchmarkUi.export.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('benchmarkUi.export.intro')}
        </Text>
        <Button
          leftSection={<IconDownload size={16} />}
          disabled={!engineer}
          loading={exporter.isPending}
          onClick={() => exporter.mutate()}
        >
          {t('benchmarkUi.export.button')}
        </Button>
        {exporter.error && <ErrorAlert error={exporter.error} title={t('benchmarkUi.export.refused')} />}
        {exporter.data && (
          <Text size="sm" c="teal.7" mt="sm" role="status">
            {t('benchmarkUi.export.done', { file: exporter.data })}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">
          {t('benchmarkUi.import.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('benchmarkUi.import.intro')}
        </Text>
        <Group align="end" gap="sm">
          <FileInput
            label={t('benchmarkUi.import.files')}
            placeholder={t('benchmarkUi.import.placeholder')}
            multiple
            accept=".json,application/json"
            value={files}
            onChange={(f) => {
              setFiles(f)
              importer.reset()
            }}
            w={320}
            clearable
            disabled={!engineer}
          />
          <Button
            leftSection={<IconUpload size={16} />}
            disabled={!engineer || files.length === 0}
            loading={importer.isPending}
            onClick={() => importer.mutate(files)}
          >
            {t('benchmarkUi.import.button')}
          </Button>
        </Group>
        {importer.error && <ErrorAlert error={importer.error} title={t('benchmarkUi.import.refused')} />}
        {importer.data && (
          <Alert color="teal" mt="sm" role="status" title={t('benchmarkUi.import.done')}>
            {t('benchmarkUi.import.result', importer.data)}
          </Alert>
        )}
      </Paper>
    </SimpleGrid>
  )
}

/** The coordinator's table: one row per indicator, one column per cohort; 秘匿 cells say why. */
function Compare() {
  const { t } = useTranslation()
  const q = useQuery({ queryKey: benchmarkKeys.compare(), queryFn: benchmarkApi.compare })
  const exporter = useMutation({
    mutationFn: async (report: CohortReport) => {
      const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' })
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = `mamori-benchmark-cohort-${report.createdAt.slice(0, 10)}.json`
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    },
  })
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Skeleton h={200} />
  const r = q.data
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">{t('benchmarkUi.compare.meta', { profiles: r.profiles, min: r.minCohort })}</Text>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          disabled={r.profiles === 0}
          onClick={() => exporter.mutate(r)}
        >
          {t('benchmarkUi.compare.publish')}
        </Button>
      </Group>
      {r.profiles === 0 ? <Alert color="gray">{t('benchmarkUi.compare.empty')}</Alert> : <CompareTable report={r} />}
    </Stack>
  )
}

function CompareTable({ report: r }: { report: CohortReport }) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={300 + r.cohorts.length * 170}>
        <Table fz="sm" aria-label={t('benchmarkUi.compare.table')} withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('benchmarkUi.col.indicator')}</Table.Th>
              {r.cohorts.map((c) => (
                <Table.Th key={c.key} data-cohort={c.key}>
                  {ja ? c.labelJa : c.labelEn}
                  <Text size="xs" c="dimmed">
                    {t('benchmarkUi.compare.size', { n: c.size })}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.definitions.map((d) => (
              <Table.Tr key={d.id} data-indicator={d.id}>
                <Table.Td fw={600}>{ja ? d.titleJa : d.titleEn}</Table.Td>
                {r.cohorts.map((c) => {
                  const cell = c.indicators.find((i) => i.id === d.id)
                  const suppressed = c.suppressed || !cell || cell.suppressed
                  if (suppressed) {
                    const reason = cell ? (ja ? cell.reasonJa : cell.reasonEn) : null
                    const why = reason ?? t('benchmarkUi.compare.cohortSuppressed', { min: r.minCohort })
                    return (
                      <Table.Td key={c.key} data-suppressed>
                        <Tooltip label={why}>
                          <Badge color="gray" variant="filled">
                            {t('benchmarkUi.suppressed')}
                          </Badge>
                        </Tooltip>
                        <Text size="xs" c="dimmed">
                          {why}
                        </Text>
                      </Table.Td>
                    )
                  }
                  return (
                    <Table.Td key={c.key}>
                      <Text size="sm" fw={600}>
                        {formatIndicator(cell.median, d.unit, i18n.language)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatIndicator(cell.p25, d.unit, i18n.language)}–
                        {formatIndicator(cell.p75, d.unit, i18n.language)} (n={cell.n})
                      </Text>
                    </Table.Td>
                  )
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  )
}

function Settings() {
  const { t } = useTranslation()
  const q = useQuery({ queryKey: benchmarkKeys.settings(), queryFn: benchmarkApi.settings })
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Skeleton h={160} />
  return <SettingsForm initial={q.data} key={JSON.stringify(q.data)} label={t('benchmarkUi.settings.save')} />
}

function SettingsForm({ initial, label }: { initial: BenchmarkSettings; label: string }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [s, setS] = useState<BenchmarkSettings>(initial)
  const save = useMutation({
    mutationFn: () => benchmarkApi.saveSettings(s),
    onSuccess: () => void invalidateBenchmark(qc),
  })
  return (
    <Paper withBorder p="md">
      <Text size="sm" mb="sm">
        {t('benchmarkUi.settings.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('benchmarkUi.settings.bedBand')}
          data={BED_BANDS.map((b) => ({ value: b, label: t('benchmarkUi.settings.beds', { band: b }) }))}
          value={s.bedBand}
          onChange={(v) => setS((x) => ({ ...x, bedBand: (v as BenchmarkSettings['bedBand']) ?? null }))}
        />
        <Select
          label={t('benchmarkUi.settings.region')}
          data={REGIONS.map((r) => ({ value: r, label: t(`benchmarkUi.region.${r}`) }))}
          value={s.region}
          onChange={(v) => setS((x) => ({ ...x, region: (v as BenchmarkSettings['region']) ?? null }))}
        />
        <NumberInput
          label={t('benchmarkUi.settings.minCohort')}
          description={t('benchmarkUi.settings.minCohortHint')}
          min={3}
          max={1000}
          value={s.minCohort}
          onChange={(v) => setS((x) => ({ ...x, minCohort: Number(v) || 0 }))}
        />
      </SimpleGrid>
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Text size="sm" c="teal.7" mt="sm" role="status">
          {t('benchmarkUi.settings.saved')}
        </Text>
      )}
      <Button mt="md" loading={save.isPending} onClick={() => save.mutate()}>
        {label}
      </Button>
    </Paper>
  )
}
