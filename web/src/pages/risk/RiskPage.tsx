import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Pagination,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconAdjustments, IconRefresh, IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { RISK_BANDS } from '../../../../api/risk.js'
import { canEdit, isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatNumber, PageHeader } from '../../components/common.js'
import { invalidateRisk, riskApi, riskKeys } from '../../data/risk.js'
import { deviceLine, FactorBadges, headlineOf, RiskBandBadge, RiskBreakdown, useJa } from './parts.js'

const PAGE = 50

/**
 * Devices ordered by risk (highest first): band, asset tag, device, department and the one-line reason; filter by
 * band, department and a search. A row opens the breakdown: every factor's points with what was seen and why.
 */
export function RiskPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const ja = useJa()
  const [params, setParams] = useSearchParams()
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k)
    setParams(next, { replace: true })
  }
  const band = params.get('band') ?? ''
  const page = Math.max(1, Number(params.get('page')) || 1)
  const [q] = useDebouncedValue(params.get('q') ?? '', 300)
  const [department] = useDebouncedValue(params.get('department') ?? '', 300)
  const selected = params.get('device')
  const filters = {
    band: band || undefined,
    q: q || undefined,
    department: department || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  }
  const list = useQuery({
    queryKey: riskKeys.list(filters),
    queryFn: () => riskApi.list(filters),
    placeholderData: keepPreviousData,
  })
  const rescore = useMutation({ mutationFn: riskApi.rescore, onSuccess: () => void invalidateRisk(qc) })
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE)) : 1

  return (
    <Stack gap="md">
      <PageHeader title={t('riskUi.title')}>
        {canEdit(user) && (
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={rescore.isPending}
            onClick={() => rescore.mutate()}
          >
            {t('riskUi.rescore')}
          </Button>
        )}
        {isAdmin(user) && (
          <Button component={Link} to="/risk/profile" variant="default" leftSection={<IconAdjustments size={16} />}>
            {t('riskUi.profile.title')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('riskUi.intro')}
      </Text>
      {rescore.error && <ErrorAlert error={rescore.error} />}
      <Group gap="md" align="end" wrap="wrap">
        <Select
          label={t('riskUi.filter.band')}
          data={[
            { value: '', label: t('common.all') },
            ...RISK_BANDS.map((b) => ({ value: b, label: t(`riskUi.band.${b}`) })),
          ]}
          value={band}
          onChange={(v) => set({ band: v || null, page: null })}
          allowDeselect={false}
          w={160}
        />
        <TextInput
          label={t('riskUi.filter.department')}
          defaultValue={params.get('department') ?? ''}
          onChange={(e) => set({ department: e.currentTarget.value || null, page: null })}
          w={200}
        />
        <TextInput
          label={t('riskUi.filter.search')}
          placeholder={t('riskUi.filter.searchHint')}
          leftSection={<IconSearch size={16} />}
          defaultValue={params.get('q') ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value || null, page: null })}
          w={300}
        />
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      {!list.data && !list.error && <Skeleton h={200} />}
      {list.data && list.data.items.length === 0 && <Alert color="gray">{t('riskUi.empty')}</Alert>}
      {list.data && list.data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t('riskUi.total', {
              count: list.data.total,
              n: formatNumber(list.data.total, i18n.language),
              version: list.data.profileVersion,
            })}
          </Text>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={900}>
              <Table fz="sm" striped highlightOnHover aria-label={t('riskUi.table')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('riskUi.col.rank')}</Table.Th>
                    <Table.Th>{t('riskUi.col.band')}</Table.Th>
                    <Table.Th>{t('riskUi.col.assetTag')}</Table.Th>
                    <Table.Th>{t('riskUi.col.device')}</Table.Th>
                    <Table.Th>{t('riskUi.col.department')}</Table.Th>
                    <Table.Th>{t('riskUi.col.why')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((r, i) => (
                    <Table.Tr
                      key={r.deviceId}
                      data-device={r.deviceId}
                      data-score={r.score}
                      style={{ cursor: 'pointer' }}
                      onClick={() => set({ device: r.deviceId })}
                    >
                      <Table.Td>{(page - 1) * PAGE + i + 1}</Table.Td>
                      <Table.Td>
                        <RiskBandBadge band={r.band} score={r.score} />
                      </Table.Td>
                      <Table.Td>
                        <UnstyledButton
                          onClick={(e) => {
                            e.stopPropagation()
                            set({ device: r.deviceId })
                          }}
                          aria-label={t('riskUi.openBreakdown', { device: r.assetTag ?? r.name ?? r.deviceId })}
                        >
                          <Text size="sm" fw={600} c="indigo.7" td="underline">
                            {r.assetTag ?? '—'}
                          </Text>
                        </UnstyledButton>
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/devices/${encodeURIComponent(r.deviceId)}`}
                          size="sm"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {deviceLine(r)}
                        </Anchor>
                        {r.location && (
                          <Text size="xs" c="dimmed">
                            {r.location}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{r.department ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm" data-headline>
                          {headlineOf(r, ja)}
                        </Text>
                        <FactorBadges contributions={r.contributions} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {pages > 1 && (
            <Pagination total={pages} value={page} onChange={(p) => set({ page: p > 1 ? String(p) : null })} />
          )}
        </>
      )}
      {selected && <BreakdownModal deviceId={selected} onClose={() => set({ device: null })} />}
    </Stack>
  )
}

/** One device's breakdown in a dialog (the URL keeps `?device=` so the dialog can be linked and reloaded). */
function BreakdownModal({ deviceId, onClose }: { deviceId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const q = useQuery({ queryKey: riskKeys.device(deviceId), queryFn: () => riskApi.device(deviceId) })
  const title = q.data ? `${q.data.assetTag ?? ''} ${deviceLine(q.data)}`.trim() : t('riskUi.breakdown.title')
  return (
    <Modal opened onClose={onClose} title={title} size="xl" closeButtonProps={{ 'aria-label': t('riskUi.close') }}>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={160} />}
      {q.data && (
        <Stack gap="sm">
          <RiskBreakdown risk={q.data} />
          <Anchor component={Link} to={`/devices/${encodeURIComponent(deviceId)}`} size="sm">
            {t('riskUi.breakdown.openDevice')}
          </Anchor>
        </Stack>
      )}
    </Modal>
  )
}
