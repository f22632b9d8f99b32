import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  NativeSelect,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api.js'
import { ErrorAlert, inLanguage } from '../../components/common.js'
import {
  type DeclaredPortDto,
  declaredPortKeys,
  declaredPortsApi,
  invalidateDeclaredPorts,
} from '../../data/declared-ports.js'

/** A row as typed: the port stays text until it is checked, so a wrong value can be shown and corrected. */
interface DraftRow {
  key: number
  port: string
  transport: DeclaredPortDto['transport']
  direction: DeclaredPortDto['direction']
  service: string
  purpose: string
  tls: 'yes' | 'no' | 'unknown'
}

const tlsOf = (tls: boolean | null): DraftRow['tls'] => (tls === null ? 'unknown' : tls ? 'yes' : 'no')
let nextKey = 1
const toDraft = (p: DeclaredPortDto): DraftRow => ({
  key: nextKey++,
  port: String(p.port),
  transport: p.transport,
  direction: p.direction,
  service: p.service ?? '',
  purpose: p.purpose ?? '',
  tls: tlsOf(p.tls),
})
const emptyRow = (): DraftRow => ({
  key: nextKey++,
  port: '',
  transport: 'tcp',
  direction: 'in',
  service: '',
  purpose: '',
  tls: 'unknown',
})

/** The row numbers (1-based) whose port is not a whole number from 1 to 65535. */
function badPorts(rows: DraftRow[]): { row: number; value: string }[] {
  return rows.flatMap((r, i) => {
    const n = Number(r.port.trim())
    const ok = /^\d+$/.test(r.port.trim()) && n >= 1 && n <= 65535
    return ok ? [] : [{ row: i + 1, value: r.port }]
  })
}

const fromDraft = (r: DraftRow): DeclaredPortDto => ({
  port: Number(r.port.trim()),
  transport: r.transport,
  direction: r.direction,
  service: r.service.trim() || null,
  purpose: r.purpose.trim() || null,
  tls: r.tls === 'unknown' ? null : r.tls === 'yes',
})

/**
 * The ports and protocols the manufacturer declares for one model: where the list came from, the list, and for
 * engineers a hand edit (replaces the list) or an import of the manufacturer's filled-in template.
 */
export function DeclaredPortsPanel({ modelId, editable }: { modelId: string; editable: boolean }) {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const list = useQuery({ queryKey: declaredPortKeys.ofModel(modelId), queryFn: () => declaredPortsApi.get(modelId) })
  const [draft, setDraft] = useState<DraftRow[] | null>(null)
  const [invalid, setInvalid] = useState<{ row: number; value: string }[]>([])
  const done = () => void invalidateDeclaredPorts(qc)
  const save = useMutation({
    mutationFn: (ports: DeclaredPortDto[]) => declaredPortsApi.save(modelId, ports),
    onSuccess: () => {
      setDraft(null)
      done()
    },
  })
  const upload = useMutation({
    mutationFn: (file: File) => declaredPortsApi.importFile(modelId, file),
    onSuccess: done,
  })

  if (list.error) return <ErrorAlert error={list.error} />
  if (!list.data) return <Skeleton h={120} />
  const { source, ports } = list.data
  const tls = (v: boolean | null) => t(`declaredPorts.tls.${tlsOf(v)}`)
  const update = (key: number, patch: Partial<DraftRow>) =>
    setDraft((rows) => rows?.map((r) => (r.key === key ? { ...r, ...patch } : r)) ?? null)
  const submit = () => {
    if (!draft) return
    const bad = badPorts(draft)
    setInvalid(bad)
    if (bad.length === 0) save.mutate(draft.map(fromDraft))
  }
  const rejected = upload.error instanceof ApiError && upload.error.details.length > 0 ? upload.error : null

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="declared-ports-title">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} size="h4" id="declared-ports-title">
              {t('declaredPorts.title')}
            </Title>
            <Badge variant="light" color={source ? 'blue' : 'gray'} data-source={source ?? 'none'}>
              {source ? t(`declaredPorts.source.${source}`) : t('declaredPorts.source.none')}
            </Badge>
          </Group>
          {editable && !draft && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPencil size={14} />}
                onClick={() => {
                  setInvalid([])
                  save.reset()
                  setDraft(ports.map(toDraft))
                }}
              >
                {t('declaredPorts.edit')}
              </Button>
              <FileButton accept=".csv,.json,text/csv,application/json" onChange={(f) => f && upload.mutate(f)}>
                {(props) => (
                  <Button
                    {...props}
                    size="xs"
                    variant="light"
                    leftSection={<IconFileImport size={14} />}
                    loading={upload.isPending}
                  >
                    {t('declaredPorts.import')}
                  </Button>
                )}
              </FileButton>
            </Group>
          )}
        </Group>
        {upload.isSuccess && !upload.isPending && (
          <Alert color="teal">{t('declaredPorts.imported', { count: upload.data.ports.length })}</Alert>
        )}
        {upload.error && !rejected && <ErrorAlert error={upload.error} />}
        {rejected && (
          <Alert color="red" title={t('declaredPorts.rejectedTitle')} role="alert">
            <Text size="sm">{inLanguage(i18n.language, rejected.message, rejected.messageJa)}</Text>
            <Text size="sm" fw={600} mt={4}>
              {t('declaredPorts.nothingChanged')}
            </Text>
            <Table fz="sm" mt="xs" aria-label={t('declaredPorts.problemTable')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('declaredPorts.where')}</Table.Th>
                  <Table.Th>{t('declaredPorts.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rejected.details.map((d) => (
                  <Table.Tr key={`${d.where}:${d.message}`}>
                    <Table.Td>{d.where}</Table.Td>
                    <Table.Td>{inLanguage(i18n.language, d.message, d.messageJa)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Alert>
        )}
        {draft ? (
          <PortEditor
            rows={draft}
            invalid={invalid}
            saving={save.isPending}
            onChange={update}
            onAdd={() => setDraft([...draft, emptyRow()])}
            onRemove={(key) => setDraft(draft.filter((r) => r.key !== key))}
            onSave={submit}
            onCancel={() => setDraft(null)}
          />
        ) : ports.length === 0 ? (
          <Alert color="gray">
            <Text size="sm">{t('declaredPorts.empty')}</Text>
            <Text size="sm" mt={4}>
              {t('declaredPorts.emptyTemplate')} <Code>docs/disclosure-template/declared-ports.csv</Code>{' '}
              <Code>declared-ports.json</Code>
            </Text>
          </Alert>
        ) : (
          <Table fz="sm" striped aria-label={t('declaredPorts.title')}>
            <PortHead />
            <Table.Tbody>
              {ports.map((p) => (
                <Table.Tr key={`${p.port}/${p.transport}/${p.direction}`}>
                  <Table.Td>{p.port}</Table.Td>
                  <Table.Td>{p.transport.toUpperCase()}</Table.Td>
                  <Table.Td>{t(`declaredPorts.direction.${p.direction}`)}</Table.Td>
                  <Table.Td>{p.service ?? ''}</Table.Td>
                  <Table.Td>{p.purpose ?? ''}</Table.Td>
                  <Table.Td>{tls(p.tls)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {save.error && <ErrorAlert error={save.error} />}
      </Stack>
    </Paper>
  )
}

function PortHead({ withAction = false }: { withAction?: boolean }) {
  const { t } = useTranslation()
  return (
    <Table.Thead>
      <Table.Tr>
        {(['port', 'transport', 'direction', 'service', 'purpose', 'tls'] as const).map((c) => (
          <Table.Th key={c}>{t(`declaredPorts.column.${c}`)}</Table.Th>
        ))}
        {withAction && <Table.Th />}
      </Table.Tr>
    </Table.Thead>
  )
}

interface EditorProps {
  rows: DraftRow[]
  invalid: { row: number; value: string }[]
  saving: boolean
  onChange(key: number, patch: Partial<DraftRow>): void
  onAdd(): void
  onRemove(key: number): void
  onSave(): void
  onCancel(): void
}

/** The hand edit: one line per port; saving replaces the whole list. */
function PortEditor({ rows, invalid, saving, onChange, onAdd, onRemove, onSave, onCancel }: EditorProps) {
  const { t } = useTranslation()
  const option = (group: string, values: readonly string[]) =>
    values.map((v) => ({ value: v, label: t(`declaredPorts.${group}.${v}`) }))
  return (
    <Stack gap="xs">
      <Table fz="sm" aria-label={t('declaredPorts.editTable')}>
        <PortHead withAction />
        <Table.Tbody>
          {rows.map((r, i) => {
            const label = (c: string) =>
              t('declaredPorts.cellLabel', { row: i + 1, column: t(`declaredPorts.column.${c}`) })
            return (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={90}
                    inputMode="numeric"
                    aria-label={label('port')}
                    error={invalid.some((b) => b.row === i + 1)}
                    value={r.port}
                    onChange={(e) => onChange(r.key, { port: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={label('transport')}
                    data={[
                      { value: 'tcp', label: 'TCP' },
                      { value: 'udp', label: 'UDP' },
                    ]}
                    value={r.transport}
                    onChange={(e) => onChange(r.key, { transport: e.currentTarget.value as DraftRow['transport'] })}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={label('direction')}
                    data={option('direction', ['in', 'out', 'both'])}
                    value={r.direction}
                    onChange={(e) => onChange(r.key, { direction: e.currentTarget.value as DraftRow['direction'] })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={label('service')}
                    value={r.service}
                    maxLength={100}
                    onChange={(e) => onChange(r.key, { service: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={label('purpose')}
                    value={r.purpose}
                    maxLength={500}
                    onChange={(e) => onChange(r.key, { purpose: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={label('tls')}
                    data={option('tls', ['yes', 'no', 'unknown'])}
                    value={r.tls}
                    onChange={(e) => onChange(r.key, { tls: e.currentTarget.value as DraftRow['tls'] })}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={12} />}
                    aria-label={t('declaredPorts.removeRow', { row: i + 1 })}
                    onClick={() => onRemove(r.key)}
                  >
                    {t('declaredPorts.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {invalid.length > 0 && (
        <Alert color="red" role="alert">
          {invalid.map((b) => (
            <Text size="sm" key={b.row}>
              {t('declaredPorts.badPort', { row: b.row, value: b.value || t('declaredPorts.blank') })}
            </Text>
          ))}
        </Alert>
      )}
      <Group gap="xs">
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onAdd}>
          {t('declaredPorts.addRow')}
        </Button>
        <Button size="xs" loading={saving} onClick={onSave}>
          {t('declaredPorts.save')}
        </Button>
        <Button size="xs" variant="subtle" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  )
}
