import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconDeviceFloppy, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Fragment, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { REQUIREMENT_CATEGORIES } from '../../../../api/procurement.js'
import { ApiError } from '../../api.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, inLanguage } from '../../components/common.js'
import {
  invalidateProcurement,
  procurementApi,
  procurementKeys,
  type RequirementItem,
  type RequirementSet,
} from '../../data/procurement.js'
import { useJa } from '../risk/parts.js'

interface Draft {
  name: string
  version: string
  items: RequirementItem[]
}

const draftOf = (s: RequirementSet): Draft => ({
  name: s.name,
  version: s.version,
  items: s.items.map((i) => ({ ...i })),
})

/** Splits the server's located problems ("items[3].textJa") into per-row lists and the rest. */
function problemsByRow(
  error: unknown,
  lang: string,
  fieldLabel: (field: string) => string,
): { rows: Map<number, string[]>; other: string[] } {
  const rows = new Map<number, string[]>()
  const other: string[] = []
  if (!(error instanceof ApiError)) return { rows, other }
  for (const d of error.details) {
    const text = inLanguage(lang, d.message, d.messageJa)
    // "items[3].textEn" (the server's form) or "items.3.textEn".
    const m = /^items(?:\.(\d+)|\[(\d+)\])(?:\.(.+))?$/.exec(d.where)
    if (m) {
      const i = Number(m[1] ?? m[2])
      const field = m[3]?.split(/[.[]/)[0]
      rows.set(i, [...(rows.get(i) ?? []), field ? `${fieldLabel(field)}: ${text}` : text])
    } else other.push(d.where ? `${d.where}: ${text}` : text)
  }
  return { rows, other }
}

/**
 * The requirement set as a table. Admins edit every column, add, remove and reorder rows; a refused save (422) shows
 * every problem under its row and changes nothing. Reset brings back Mamori's template after a confirmation.
 */
export function RequirementsEditor() {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const { user } = useAuth()
  const admin = isAdmin(user)
  const qc = useQueryClient()
  const q = useQuery({ queryKey: procurementKeys.requirements(), queryFn: procurementApi.requirements })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [editing, setEditing] = useState(false)
  useEffect(() => {
    if (q.data && !editing) setDraft(draftOf(q.data))
  }, [q.data, editing])
  const save = useMutation({
    mutationFn: (d: Draft) => procurementApi.saveRequirements(d),
    onSuccess: (s) => {
      qc.setQueryData(procurementKeys.requirements(), s)
      setEditing(false)
      void invalidateProcurement(qc)
    },
  })
  const reset = useMutation({
    mutationFn: procurementApi.resetRequirements,
    onSuccess: (s) => {
      qc.setQueryData(procurementKeys.requirements(), s)
      setEditing(false)
      void invalidateProcurement(qc)
    },
  })
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data || !draft) return <Skeleton h={200} />
  const set = q.data
  const { rows: rowProblems, other } = problemsByRow(save.error, i18n.language, (f) =>
    t(`procurement.field.${f}`, { defaultValue: f }),
  )
  const change = (i: number, patch: Partial<RequirementItem>) =>
    setDraft({ ...draft, items: draft.items.map((it, k) => (k === i ? { ...it, ...patch } : it)) })
  const move = (i: number, by: number) => {
    const items = [...draft.items]
    const [it] = items.splice(i, 1)
    if (it) items.splice(i + by, 0, it)
    setDraft({ ...draft, items })
  }
  const add = () => {
    const n = draft.items.length + 1
    const item: RequirementItem = {
      id: `P-${String(n).padStart(2, '0')}`,
      category: 'other',
      textJa: '',
      textEn: '',
      rationaleJa: '',
      rationaleEn: '',
      mandatory: false,
      weight: 3,
      refs: [],
    }
    setDraft({ ...draft, items: [...draft.items, item] })
  }
  const categories = REQUIREMENT_CATEGORIES.map((c) => ({ value: c, label: t(`procurement.category.${c}`) }))
  const ro = !editing

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="proc-requirements">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={3} size="h4" id="proc-requirements">
            {t('procurement.requirements')}
          </Title>
          <Badge variant="light" color={set.builtIn ? 'blue' : 'grape'}>
            {set.builtIn ? t('procurement.builtIn') : t('procurement.edited')}
          </Badge>
        </Group>
        {admin && (
          <Group gap="xs">
            {!editing && (
              <>
                <Button size="sm" onClick={() => setEditing(true)}>
                  {t('procurement.edit')}
                </Button>
                <Button
                  size="sm"
                  variant="light"
                  color="orange"
                  leftSection={<IconRestore size={16} />}
                  loading={reset.isPending}
                  onClick={() => {
                    if (window.confirm(t('procurement.confirmReset'))) reset.mutate()
                  }}
                >
                  {t('procurement.reset')}
                </Button>
              </>
            )}
            {editing && (
              <>
                <Button
                  size="sm"
                  variant="default"
                  onClick={() => {
                    save.reset()
                    setEditing(false)
                  }}
                >
                  {t('common.cancel')}
                </Button>
                <Button
                  size="sm"
                  leftSection={<IconDeviceFloppy size={16} />}
                  loading={save.isPending}
                  onClick={() => save.mutate(draft)}
                >
                  {t('common.save')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('procurement.requirementsIntro')}
      </Text>
      {set.updatedAt && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('procurement.updated', { at: formatDateTime(set.updatedAt, i18n.language), by: set.updatedBy ?? '—' })}
        </Text>
      )}
      {reset.error && <ErrorAlert error={reset.error} />}
      {save.error && (
        <Alert color="red" role="alert" title={t('procurement.saveRefused')} mb="sm">
          {t('procurement.saveRefusedHint', { count: rowProblems.size })}
          {other.map((o) => (
            <Text key={o} size="sm">
              {o}
            </Text>
          ))}
          {!(save.error instanceof ApiError && save.error.details.length > 0) && <ErrorAlert error={save.error} />}
        </Alert>
      )}
      <Group gap="md" mb="sm">
        <TextInput
          label={t('procurement.setName')}
          value={draft.name}
          readOnly={ro}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          w={320}
        />
        <TextInput
          label={t('procurement.setVersion')}
          value={draft.version}
          readOnly={ro}
          onChange={(e) => setDraft({ ...draft, version: e.currentTarget.value })}
          w={180}
        />
      </Group>
      <Table.ScrollContainer minWidth={1000}>
        <Table striped withTableBorder aria-label={t('procurement.requirements')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('procurement.col.id')}</Table.Th>
              <Table.Th w={150}>{t('procurement.col.category')}</Table.Th>
              <Table.Th>{t('procurement.col.text')}</Table.Th>
              <Table.Th>{t('procurement.col.rationale')}</Table.Th>
              <Table.Th w={80}>{t('procurement.col.weight')}</Table.Th>
              <Table.Th w={70}>{t('procurement.col.mandatory')}</Table.Th>
              <Table.Th w={180}>{t('procurement.col.refs')}</Table.Th>
              {editing && <Table.Th w={110}>{t('procurement.col.rowActions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.items.map((it, i) => {
              const problems = rowProblems.get(i) ?? []
              const rowLabel = `${it.id || i + 1}`
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, ids may be duplicated while typing
                <Fragment key={i}>
                  <Table.Tr data-requirement={it.id} data-problem={problems.length > 0 || undefined}>
                    <Table.Td>
                      {ro ? (
                        <Text size="sm" fw={600}>
                          {it.id}
                        </Text>
                      ) : (
                        <TextInput
                          size="xs"
                          aria-label={t('procurement.aria.id', { row: i + 1 })}
                          value={it.id}
                          error={problems.length > 0}
                          onChange={(e) => change(i, { id: e.currentTarget.value })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {ro ? (
                        <Text size="sm">{t(`procurement.category.${it.category}`)}</Text>
                      ) : (
                        <Select
                          size="xs"
                          aria-label={t('procurement.aria.category', { row: rowLabel })}
                          data={categories}
                          value={it.category}
                          allowDeselect={false}
                          onChange={(v) => v && change(i, { category: v as RequirementItem['category'] })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {ro ? (
                        <Text size="sm">{ja ? it.textJa : it.textEn}</Text>
                      ) : (
                        <Stack gap={4}>
                          <Textarea
                            size="xs"
                            autosize
                            minRows={1}
                            aria-label={t('procurement.aria.textJa', { row: rowLabel })}
                            placeholder="日本語"
                            value={it.textJa}
                            onChange={(e) => change(i, { textJa: e.currentTarget.value })}
                          />
                          <Textarea
                            size="xs"
                            autosize
                            minRows={1}
                            aria-label={t('procurement.aria.textEn', { row: rowLabel })}
                            placeholder="English"
                            value={it.textEn}
                            onChange={(e) => change(i, { textEn: e.currentTarget.value })}
                          />
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {ro ? (
                        <Text size="xs" c="dimmed">
                          {ja ? it.rationaleJa : it.rationaleEn}
                        </Text>
                      ) : (
                        <Stack gap={4}>
                          <Textarea
                            size="xs"
                            autosize
                            minRows={1}
                            aria-label={t('procurement.aria.rationaleJa', { row: rowLabel })}
                            placeholder="日本語"
                            value={it.rationaleJa}
                            onChange={(e) => change(i, { rationaleJa: e.currentTarget.value })}
                          />
                          <Textarea
                            size="xs"
                            autosize
                            minRows={1}
                            aria-label={t('procurement.aria.rationaleEn', { row: rowLabel })}
                            placeholder="English"
                            value={it.rationaleEn}
                            onChange={(e) => change(i, { rationaleEn: e.currentTarget.value })}
                          />
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {ro ? (
                        <Text size="sm">{it.weight}</Text>
                      ) : (
                        <NumberInput
                          size="xs"
                          min={1}
                          max={5}
                          aria-label={t('procurement.aria.weight', { row: rowLabel })}
                          value={it.weight}
                          onChange={(v) => change(i, { weight: typeof v === 'number' ? v : Number(v) || 0 })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {ro ? (
                        it.mandatory && (
                          <Badge color="red" variant="light">
                            {t('procurement.mandatory')}
                          </Badge>
                        )
                      ) : (
                        <Checkbox
                          aria-label={t('procurement.aria.mandatory', { row: rowLabel })}
                          checked={it.mandatory}
                          onChange={(e) => change(i, { mandatory: e.currentTarget.checked })}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      {ro ? (
                        <Text size="xs">{it.refs.join(', ')}</Text>
                      ) : (
                        <TagsInput
                          size="xs"
                          aria-label={t('procurement.aria.refs', { row: rowLabel })}
                          value={it.refs}
                          onChange={(refs) => change(i, { refs })}
                        />
                      )}
                    </Table.Td>
                    {editing && (
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            disabled={i === 0}
                            aria-label={t('procurement.aria.up', { row: rowLabel })}
                            onClick={() => move(i, -1)}
                          >
                            <IconArrowUp size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            disabled={i === draft.items.length - 1}
                            aria-label={t('procurement.aria.down', { row: rowLabel })}
                            onClick={() => move(i, 1)}
                          >
                            <IconArrowDown size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('procurement.aria.remove', { row: rowLabel })}
                            onClick={() => setDraft({ ...draft, items: draft.items.filter((_, k) => k !== i) })}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {problems.length > 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={editing ? 8 : 7}>
                        <Text size="sm" c="red.7" role="alert" data-row-problems={i}>
                          {t('procurement.rowProblem', { row: i + 1 })} {problems.join(' / ')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              )
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <Button mt="sm" size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={add}>
          {t('procurement.addRow')}
        </Button>
      )}
    </Paper>
  )
}
