import { Anchor, Badge, Box, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowDown, IconArrowUp, IconDownload, IconPlus, IconSearch, IconSelector } from '@tabler/icons-react'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import type { Device, DeviceListResponse } from '../../../api/device.js'
import { DEVICE_CATEGORIES, DEVICE_KINDS, DEVICE_STATUSES } from '../../../api/device.js'
import { api, queryString } from '../api.js'
import { canEdit, useAuth } from '../auth.js'
import { ErrorAlert, formatNumber, PageHeader } from '../components/common.js'

/** GET /api/devices/facets: values for the filter selects. */
export interface Facets {
  departments: string[]
  manufacturers: string[]
  sites: { id: string; name: string }[]
}

type SortField =
  | 'assetTag'
  | 'department'
  | 'kind'
  | 'category'
  | 'manufacturer'
  | 'model'
  | 'hostname'
  | 'status'
  | 'serviceLifeEnd'
  | 'supportEnd'
  | 'updatedAt'

const SORT_FIELDS: readonly SortField[] = [
  'assetTag',
  'department',
  'kind',
  'category',
  'manufacturer',
  'model',
  'hostname',
  'status',
  'serviceLifeEnd',
  'supportEnd',
  'updatedAt',
]

function isSortField(v: string | null): v is SortField {
  return v !== null && SORT_FIELDS.some((f) => f === v)
}

interface Column {
  id: string
  sort: SortField | null
  /** Share of the table width in percent; the table keeps a minimum width and scrolls sideways below it. */
  width: number
  render: (d: Device) => string
}

/** Rows per request. The first page is small so the list paints fast; later pages are large to limit round trips. */
const FIRST_PAGE = 500
const NEXT_PAGE = 5_000
/** Rows fetched ahead without scrolling; a ledger of this size stays well under 50 MB in the browser. */
const PREFETCH_ROWS = 20_000
const ROW_HEIGHT = 34

/** The filters the list and the export share, read from the URL so links from the dashboard and reloads keep them. */
const FILTER_KEYS = ['q', 'kind', 'category', 'status', 'department', 'expired', 'lifeCritical'] as const

/**
 * The ledger: server-side search, filters and sort; virtualized rows so 10,000+ devices scroll smoothly. Only the
 * visible rows are in the DOM; pages load as the user scrolls towards rows not fetched yet.
 */
export function DevicesPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState(params.get('q') ?? '')
  const [debounced] = useDebouncedValue(search, 300)

  const sortParam = params.get('sort')
  const sort: SortField = isSortField(sortParam) ? sortParam : 'assetTag'
  const order = params.get('order') === 'desc' ? 'desc' : 'asc'

  const filters = useMemo(() => {
    const f: Record<string, string> = {}
    for (const k of FILTER_KEYS) {
      const v = params.get(k)
      if (v) f[k] = v
    }
    return f
  }, [params])

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

  const facets = useQuery({ queryKey: ['facets'], queryFn: () => api<Facets>('/api/devices/facets') })

  const list = useInfiniteQuery({
    queryKey: ['devices', filters, sort, order],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api<DeviceListResponse>(
        `/api/devices${queryString({ ...filters, sort, order, offset: pageParam, limit: pageParam === 0 ? FIRST_PAGE : NEXT_PAGE })}`,
        { signal },
      ),
    getNextPageParam: (last) => {
      const next = last.offset + last.items.length
      return last.items.length > 0 && next < last.total ? next : undefined
    },
  })

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data])
  const total = list.data?.pages[0]?.total ?? 0

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  })
  const items = virtualizer.getVirtualItems()
  const lastVisible = items[items.length - 1]?.index ?? 0

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list
  useEffect(() => {
    // Keep loading in the background up to PREFETCH_ROWS so a jump to the end is instant; past that, on demand.
    const wanted = lastVisible >= rows.length - 50 || rows.length < PREFETCH_ROWS
    if (hasNextPage && !isFetchingNextPage && wanted) void fetchNextPage()
  }, [lastVisible, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage])

  const columns: Column[] = [
    { id: 'assetTag', sort: 'assetTag', width: 9.5, render: (d) => d.assetTag ?? '' },
    { id: 'department', sort: 'department', width: 9, render: (d) => d.department ?? '' },
    { id: 'kind', sort: 'kind', width: 7, render: (d) => t(`enums.kind.${d.kind}`) },
    { id: 'category', sort: 'category', width: 9.5, render: (d) => t(`enums.category.${d.category}`) },
    { id: 'manufacturer', sort: 'manufacturer', width: 9, render: (d) => d.manufacturer ?? '' },
    { id: 'model', sort: 'model', width: 9.5, render: (d) => d.model ?? '' },
    { id: 'hostname', sort: 'hostname', width: 9, render: (d) => d.hostname ?? '' },
    { id: 'ipAddresses', sort: null, width: 9, render: (d) => d.ipAddresses.join(', ') },
    { id: 'os', sort: null, width: 8, render: (d) => [d.os, d.osVersion].filter(Boolean).join(' ') },
    { id: 'status', sort: 'status', width: 5.5, render: (d) => t(`enums.status.${d.status}`) },
    { id: 'serviceLifeEnd', sort: 'serviceLifeEnd', width: 7.5, render: (d) => d.serviceLifeEnd ?? '' },
    { id: 'supportEnd', sort: 'supportEnd', width: 7.5, render: (d) => d.supportEnd ?? '' },
  ]

  const toggleSort = (field: SortField) => {
    if (field === sort) update({ order: order === 'asc' ? 'desc' : 'asc' })
    else update({ sort: field, order: 'asc' })
  }

  const exportHref = (format: 'csv' | 'xlsx') =>
    `/api/devices/export${queryString({ format, lang: i18n.language === 'en' ? 'en' : 'ja', ...filters, sort, order })}`

  const paddingTop = items[0]?.start ?? 0
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0
  const today = new Date().toISOString().slice(0, 10)

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
      <Paper withBorder>
        <div ref={scrollRef} style={{ height: 'calc(100vh - 290px)', minHeight: 320, overflow: 'auto' }}>
          <table className="device-grid" aria-rowcount={total + 1} aria-label={t('devices.title')}>
            <colgroup>
              {columns.map((c) => (
                <col key={c.id} style={{ width: `${c.width}%` }} />
              ))}
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                {columns.map((c) => {
                  const active = c.sort !== null && c.sort === sort
                  return (
                    <th
                      key={c.id}
                      title={t(`fields.${c.id}`)}
                      scope="col"
                      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {c.sort ? (
                        <button type="button" onClick={() => c.sort && toggleSort(c.sort)}>
                          <span>{t(`fields.${c.id}`)}</span>
                          {active ? (
                            order === 'asc' ? (
                              <IconArrowUp size={12} aria-hidden />
                            ) : (
                              <IconArrowDown size={12} aria-hidden />
                            )
                          ) : (
                            <IconSelector size={12} aria-hidden color="var(--mantine-color-gray-5)" />
                          )}
                        </button>
                      ) : (
                        <span className="plain">{t(`fields.${c.id}`)}</span>
                      )}
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {paddingTop > 0 && (
                <tr aria-hidden>
                  <td colSpan={columns.length} style={{ height: paddingTop, padding: 0, border: 0 }} />
                </tr>
              )}
              {items.map((vi) => {
                const d = rows[vi.index]
                if (!d) {
                  return (
                    <tr key={vi.key} aria-rowindex={vi.index + 2}>
                      <td colSpan={columns.length}>
                        <Text size="xs" c="dimmed">
                          {t('common.loading')}
                        </Text>
                      </td>
                    </tr>
                  )
                }
                return (
                  <tr
                    key={d.id}
                    className="row"
                    aria-rowindex={vi.index + 2}
                    onClick={() => navigate(`/devices/${d.id}`)}
                  >
                    {columns.map((c, i) => {
                      const value = c.render(d)
                      if (i === 0) {
                        return (
                          <td key={c.id} title={value}>
                            <Anchor
                              component={Link}
                              to={`/devices/${d.id}`}
                              onClick={(e) => e.stopPropagation()}
                              size="sm"
                              fw={500}
                            >
                              {value || t('devices.noTag')}
                            </Anchor>
                          </td>
                        )
                      }
                      if (c.id === 'status') {
                        return (
                          <td key={c.id}>
                            <Badge
                              size="xs"
                              variant="light"
                              color={d.status === 'in_use' ? 'teal' : d.status === 'in_storage' ? 'gray' : 'dark'}
                            >
                              {value}
                            </Badge>
                          </td>
                        )
                      }
                      const expired =
                        (c.id === 'serviceLifeEnd' || c.id === 'supportEnd') && value !== '' && value < today
                      return (
                        <td
                          key={c.id}
                          title={value}
                          style={expired ? { color: 'var(--mantine-color-red-7)', fontWeight: 600 } : undefined}
                        >
                          {value}
                        </td>
                      )
                    })}
                  </tr>
                )
              })}
              {paddingBottom > 0 && (
                <tr aria-hidden>
                  <td colSpan={columns.length} style={{ height: paddingBottom, padding: 0, border: 0 }} />
                </tr>
              )}
            </tbody>
          </table>
          {!list.isPending && total === 0 && (
            <Text ta="center" c="dimmed" p="xl">
              {t('devices.empty')}
            </Text>
          )}
        </div>
      </Paper>
    </Box>
  )
}
