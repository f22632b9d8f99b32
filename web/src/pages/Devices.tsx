import { Box, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { DEVICE_CATEGORIES, DEVICE_KINDS, DEVICE_STATUSES } from '../../../api/device.js'
import { canEdit, useAuth } from '../auth.js'
import { ErrorAlert, formatNumber, PageHeader } from '../components/common.js'
import { deviceListPages, listViewOf, type SortField } from '../data/device-list.js'
import { deviceKeys, devicesApi } from '../data/devices.js'
import { DeviceTable } from './DeviceTable.js'

/**
 * The ledger: server-side search, filters and sort; virtualized rows so 10,000+ devices scroll smoothly. Only the
 * visible rows are in the DOM; pages load as the user scrolls towards rows not fetched yet.
 */
export function DevicesPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState(params.get('q') ?? '')
  const [debounced] = useDebouncedValue(search, 300)

  const { filters, sort, order } = useMemo(() => listViewOf(params), [params])

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v)
      else next.delete(k)
    }
    setParams(next, { replace: true })
  }

  // Push the debounced search text into the URL (and so into the query key).
  useEffect(() => {
    const current = params.get('q') ?? ''
    if (debounced.trim() !== current) {
      const next = new URLSearchParams(params)
      if (debounced.trim()) next.set('q', debounced.trim())
      else next.delete('q')
      setParams(next, { replace: true })
    }
  }, [debounced, params, setParams])

  const facets = useQuery({ queryKey: deviceKeys.facets(), queryFn: devicesApi.facets })

  const list = useInfiniteQuery(deviceListPages({ filters, sort, order }))

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data])
  const total = list.data?.pages[0]?.total ?? 0

  const toggleSort = (field: SortField) => {
    if (field === sort) update({ order: order === 'asc' ? 'desc' : 'asc' })
    else update({ sort: field, order: 'asc' })
  }

  const exportHref = (format: 'csv' | 'xlsx') =>
    devicesApi.exportUrl({ format, lang: i18n.language === 'en' ? 'en' : 'ja', ...filters, sort, order })

  return (
    <Box>
      <PageHeader title={t('devices.title')}>
        <Button
          component="a"
          href={exportHref('csv')}
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
        >
          {t('devices.exportCsv')}
        </Button>
        <Button
          component="a"
          href={exportHref('xlsx')}
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
        >
          {t('devices.exportXlsx')}
        </Button>
        {canEdit(user) && (
          <Button component={Link} to="/devices/new" size="xs" leftSection={<IconPlus size={14} />}>
            {t('devices.new')}
          </Button>
        )}
      </PageHeader>
      <Paper withBorder p="sm" mb="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('devices.search')}
            placeholder={t('devices.searchPlaceholder')}
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={220}
            size="xs"
            type="search"
          />
          <Select
            label={t('fields.kind')}
            placeholder={t('common.all')}
            data={DEVICE_KINDS.map((k) => ({ value: k, label: t(`enums.kind.${k}`) }))}
            value={filters.kind ?? null}
            onChange={(v) => update({ kind: v })}
            clearable
            size="xs"
            w={130}
          />
          <Select
            label={t('fields.category')}
            placeholder={t('common.all')}
            data={DEVICE_CATEGORIES.map((k) => ({ value: k, label: t(`enums.category.${k}`) }))}
            value={filters.category ?? null}
            onChange={(v) => update({ category: v })}
            clearable
            searchable
            size="xs"
            w={160}
          />
          <Select
            label={t('fields.status')}
            placeholder={t('common.all')}
            data={DEVICE_STATUSES.map((k) => ({ value: k, label: t(`enums.status.${k}`) }))}
            value={filters.status ?? null}
            onChange={(v) => update({ status: v })}
            clearable
            size="xs"
            w={110}
          />
          <Select
            label={t('fields.department')}
            placeholder={t('common.all')}
            data={facets.data?.departments ?? []}
            value={filters.department ?? null}
            onChange={(v) => update({ department: v })}
            clearable
            searchable
            size="xs"
            w={150}
          />
          <Select
            label={t('devices.expired')}
            placeholder={t('common.all')}
            data={[
              { value: 'service_life', label: t('devices.expiredServiceLife') },
              { value: 'support', label: t('devices.expiredSupport') },
              { value: 'legacy_os', label: t('dashboard.legacyOs') },
            ]}
            value={filters.expired ?? null}
            onChange={(v) => update({ expired: v })}
            clearable
            size="xs"
            w={140}
          />
          <Select
            label={t('fields.lifeCritical')}
            placeholder={t('common.all')}
            data={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
            value={filters.lifeCritical ?? null}
            onChange={(v) => update({ lifeCritical: v })}
            clearable
            size="xs"
            w={110}
          />
          {Object.keys(filters).length > 0 && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setSearch('')
                setParams(new URLSearchParams(), { replace: true })
              }}
            >
              {t('devices.clearFilters')}
            </Button>
          )}
        </Group>
      </Paper>
      <Group justify="space-between" mb={6}>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="device-count">
          {list.isPending ? t('common.loading') : t('devices.count', { formatted: formatNumber(total, i18n.language) })}
        </Text>
        {list.isFetching && !list.isPending && (
          <Text size="xs" c="dimmed">
            {t('common.loading')}
          </Text>
        )}
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      <DeviceTable
        rows={rows}
        total={total}
        isPending={list.isPending}
        sort={sort}
        order={order}
        onSort={toggleSort}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Box>
  )
}
