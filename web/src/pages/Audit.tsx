import { ActionIcon, Alert, Button, Code, Group, Pagination, Paper, Table, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconChevronDown, IconChevronRight, IconDownload } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { isAdmin, useAuth } from '../auth.js'
import { auditActionName, auditTargetTypeName } from '../components/audit-names.js'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../components/common.js'
import { auditApi, auditKeys } from '../data/users.js'

const PAGE_SIZE = 50

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A UUID shortened to its first 8 characters (enough to tell entries apart); any other id (a route) in full. */
function shortId(id: string | null): string {
  if (!id) return ''
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ? `${id.slice(0, 8)}…` : id
}

function show(v: unknown): string {
  if (v === undefined) return ''
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

/** Before/after as one row per changed key, so a reviewer sees what changed without reading JSON. */
function Diff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation()
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {}
    const a = isRecord(after) ? after : {}
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
      (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
    )
    if (keys.length === 0)
      return (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      )
    return (
      <Table fz="xs" withTableBorder withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={200}>{t('audit.field')}</Table.Th>
            <Table.Th>{t('audit.before')}</Table.Th>
            <Table.Th>{t('audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>{t(`fields.${k}`, { defaultValue: k })}</Table.Td>
              <Table.Td className="diff-old mono">{show(b[k])}</Table.Td>
              <Table.Td className="diff-new mono">{show(a[k])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    )
  }
  return (
    <Group align="flex-start" grow>
      <Code block className="diff-old">
        {show(before)}
      </Code>
      <Code block className="diff-new">
        {show(after)}
      </Code>
    </Group>
  )
}

/** The audit log (admins): who did what when, with the before/after of every change, exportable as CSV. */
export function AuditPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const [page, setPage] = useState(1)
  const [action, setAction] = useState('')
  const [actor, setActor] = useState('')
  const [open, setOpen] = useState<Set<number>>(new Set())
  const [actionQ] = useDebouncedValue(action.trim(), 300)
  const [actorQ] = useDebouncedValue(actor.trim(), 300)

  const query = useQuery({
    queryKey: auditKeys.list({ page, action: actionQ, actor: actorQ }),
    queryFn: () => auditApi.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, action: actionQ, actor: actorQ }),
    placeholderData: keepPreviousData,
    enabled: isAdmin(user),
  })

  if (!isAdmin(user)) {
    return (
      <>
        <PageHeader title={t('audit.title')} />
        <Alert color="gray">{t('common.adminOnly')}</Alert>
      </>
    )
  }

  const toggle = (id: number) =>
    setOpen((s) => {
      const n = new Set(s)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })
  const total = query.data?.total ?? 0

  return (
    <>
      <PageHeader title={t('audit.title')}>
        <Button
          component="a"
          href={auditApi.exportUrl({ action: actionQ, actor: actorQ })}
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
        >
          {t('audit.export')}
        </Button>
      </PageHeader>
      <Paper withBorder p="sm" mb="sm">
        <Group gap="sm" align="flex-end">
          <TextInput
            size="xs"
            label={t('audit.action')}
            placeholder="device.update"
            value={action}
            onChange={(e) => {
              setAction(e.currentTarget.value)
              setPage(1)
            }}
          />
          <TextInput
            size="xs"
            label={t('audit.actor')}
            value={actor}
            onChange={(e) => {
              setActor(e.currentTarget.value)
              setPage(1)
            }}
          />
          <Text size="sm" c="dimmed">
            {t('audit.count', { formatted: formatNumber(total, i18n.language) })}
          </Text>
        </Group>
      </Paper>
      {query.error && <ErrorAlert error={query.error} />}
      <Paper withBorder>
        <Table fz="sm" verticalSpacing={4} highlightOnHover stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <span className="visually-hidden">{t('audit.details')}</span>
              </Table.Th>
              <Table.Th w={170}>{t('audit.time')}</Table.Th>
              <Table.Th w={140}>{t('audit.actor')}</Table.Th>
              <Table.Th w={180}>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.target')}</Table.Th>
              <Table.Th w={130}>{t('audit.ip')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(query.data?.items ?? []).map((e) => {
              const expanded = open.has(e.id)
              const hasDiff = e.before !== null || e.after !== null
              return (
                <Fragment key={e.id}>
                  <Table.Tr>
                    <Table.Td>
                      {hasDiff && (
                        <ActionIcon
                          variant="subtle"
                          size="sm"
                          onClick={() => toggle(e.id)}
                          aria-expanded={expanded}
                          aria-label={t('audit.showDiff')}
                        >
                          {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                        </ActionIcon>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                    <Table.Td>{e.actor ?? '—'}</Table.Td>
                    <Table.Td title={e.action}>{auditActionName(t, e.action)}</Table.Td>
                    <Table.Td>
                      {e.targetType ? `${auditTargetTypeName(t, e.targetType)} ` : '—'}
                      {e.targetType === 'device' && e.targetId && e.action !== 'device.delete' ? (
                        <Link to={`/devices/${e.targetId}`}>{e.targetLabel ?? shortId(e.targetId)}</Link>
                      ) : (
                        (e.targetLabel ?? shortId(e.targetId))
                      )}
                    </Table.Td>
                    <Table.Td className="mono">{e.ip ?? ''}</Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td />
                      <Table.Td colSpan={5}>
                        <Diff before={e.before} after={e.after} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              )
            })}
          </Table.Tbody>
        </Table>
        {query.data && query.data.items.length === 0 && (
          <Text ta="center" c="dimmed" p="lg">
            {t('common.noData')}
          </Text>
        )}
      </Paper>
      {total > PAGE_SIZE && (
        <Group justify="center" mt="md">
          <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </>
  )
}
