import {
  ActionIcon,
  Badge,
  Button,
  Code,
  Group,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { IconChevronDown, IconChevronRight, IconDownload } from '@tabler/icons-react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../../components/common.js'
import { findingKeys, findingsApi, invalidateFindings } from '../../data/findings.js'
import { FINDING_STATUSES, SEVERITIES, severityColor } from './types.js'

const PAGE_SIZE = 100

/** Findings from scans, filterable by severity and status, each with its evidence and advice in the UI language. */
export function FindingsPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [params, setParams] = useSearchParams()
  const [open, setOpen] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [expiresAt, setExpiresAt] = useState('')
  const [page, setPage] = useState(1)
  const severity = params.get('severity')
  const status = params.get('status')
  const scanId = params.get('scanId')
  const deviceId = params.get('deviceId')
  const en = i18n.language === 'en'

  const findings = useQuery({
    queryKey: findingKeys.list({ severity, status, scanId, deviceId, page }),
    queryFn: () =>
      findingsApi.list({ severity, status, scanId, deviceId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  })
  const update = useMutation({
    mutationFn: ({ id, next }: { id: string; next: string }) =>
      findingsApi.update(id, {
        status: next,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(next === 'accepted' && expiresAt ? { expiresAt } : {}),
      }),
    onSuccess: () => {
      setReason('')
      setExpiresAt('')
      void invalidateFindings(qc)
    },
  })

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
    setPage(1)
  }
  const total = findings.data?.total ?? 0

  return (
    <Stack gap="md">
      <PageHeader title={t('findings.title')}>
        {(['csv', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            component="a"
            href={findingsApi.exportUrl({ severity, status, scanId, deviceId, format, lang: en ? 'en' : 'ja' })}
            variant="default"
            size="xs"
            leftSection={<IconDownload size={14} />}
          >
            {t(format === 'csv' ? 'findingsMore.export' : 'findingsMore.exportXlsx')}
          </Button>
        ))}
      </PageHeader>
      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end">
          <Select
            size="xs"
            label={t('findings.severity')}
            placeholder={t('common.all')}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`enums.severity.${s}`) }))}
            value={severity}
            onChange={(v) => setFilter('severity', v)}
            clearable
            w={160}
          />
          <Select
            size="xs"
            label={t('findings.status')}
            placeholder={t('common.all')}
            data={FINDING_STATUSES.map((s) => ({ value: s, label: t(`enums.findingStatus.${s}`) }))}
            value={status}
            onChange={(v) => setFilter('status', v)}
            clearable
            w={160}
          />
          {scanId && (
            <Button size="xs" variant="subtle" onClick={() => setFilter('scanId', null)}>
              {t('findings.clearScan')}
            </Button>
          )}
          {deviceId && (
            <Button size="xs" variant="subtle" onClick={() => setFilter('deviceId', null)}>
              {t('findingsMore.device')}: {findings.data?.items[0]?.device?.assetTag ?? deviceId.slice(0, 8)} ✕
            </Button>
          )}
          <Text size="sm" c="dimmed">
            {t('findings.count', { formatted: formatNumber(total, i18n.language) })}
          </Text>
        </Group>
      </Paper>
      {findings.error && <ErrorAlert error={findings.error} />}
      {update.error && <ErrorAlert error={update.error} />}
      <Paper withBorder>
        <Table fz="sm" verticalSpacing={4} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <span className="visually-hidden">{t('audit.details')}</span>
              </Table.Th>
              <Table.Th w={100}>{t('findings.severity')}</Table.Th>
              <Table.Th>{t('findings.finding')}</Table.Th>
              <Table.Th w={220}>{t('findingsMore.device')}</Table.Th>
              <Table.Th w={170}>{t('findings.target')}</Table.Th>
              <Table.Th w={150}>{t('findings.lastSeen')}</Table.Th>
              <Table.Th w={120}>{t('findings.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(findings.data?.items ?? []).map((f) => {
              const expanded = open === f.id
              return (
                <Fragment key={f.id}>
                  <Table.Tr>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        size="sm"
                        aria-expanded={expanded}
                        aria-label={t('findings.showDetails')}
                        onClick={() => setOpen(expanded ? null : f.id)}
                      >
                        {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={severityColor(f.severity)} variant="filled" size="sm">
                        {t(`enums.severity.${f.severity}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {en ? f.titleEn : f.titleJa}
                      {f.incomplete && (
                        <Badge size="xs" color="yellow" ml={4}>
                          {t('findings.incomplete')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {f.device ? (
                        <>
                          <Link to={`/devices/${f.device.id}`}>
                            {f.device.assetTag ?? f.device.name ?? t('devices.noTag')}
                          </Link>
                          <Text size="xs" c="dimmed">
                            {[f.device.name, f.device.department].filter(Boolean).join(' · ')}
                          </Text>
                        </>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('findingsMore.noDevice')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className="mono">
                      {f.address ?? '—'}
                      {f.port !== null ? `:${f.port}` : ''}
                    </Table.Td>
                    <Table.Td>{formatDateTime(f.lastSeenAt, i18n.language)}</Table.Td>
                    <Table.Td>{t(`enums.findingStatus.${f.status}`)}</Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={6}>
                        <Stack gap="xs" py="xs">
                          <Text size="sm">{en ? f.detailEn : f.detailJa}</Text>
                          <Text size="sm" fw={600}>
                            {t('findings.recommendation')}
                          </Text>
                          <Text size="sm">{en ? f.recommendationEn : f.recommendationJa}</Text>
                          <Text size="sm" fw={600}>
                            {t('findings.evidence')}
                          </Text>
                          <Code block>{f.evidence}</Code>
                          {f.statusReason && (
                            <Text size="sm">
                              {t('findingsMore.reason')}: {f.statusReason}
                              {f.statusExpiresAt ? ` (${t('findings.until', { date: f.statusExpiresAt })})` : ''}
                            </Text>
                          )}
                          {canEdit(user) && (
                            <Group gap="xs" align="flex-end">
                              <TextInput
                                size="xs"
                                label={t('findingsMore.reasonRequired')}
                                description={t('findingsMore.reasonRequiredHint')}
                                value={reason}
                                onChange={(e) => setReason(e.currentTarget.value)}
                                w={300}
                              />
                              <TextInput
                                size="xs"
                                type="date"
                                label={t('findings.expiresAt')}
                                value={expiresAt}
                                onChange={(e) => setExpiresAt(e.currentTarget.value)}
                                w={160}
                              />
                              {FINDING_STATUSES.filter((s) => s !== f.status).map((s) => (
                                <Button
                                  key={s}
                                  size="xs"
                                  variant="light"
                                  loading={update.isPending}
                                  disabled={s === 'accepted' && !reason.trim()}
                                  onClick={() => update.mutate({ id: f.id, next: s })}
                                >
                                  {t(`findings.mark.${s}`)}
                                </Button>
                              ))}
                            </Group>
                          )}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              )
            })}
          </Table.Tbody>
        </Table>
        {findings.data && findings.data.items.length === 0 && (
          <Text ta="center" c="dimmed" p="lg">
            {t('findings.none')}
          </Text>
        )}
      </Paper>
      {total > PAGE_SIZE && (
        <Group justify="center">
          <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </Stack>
  )
}
