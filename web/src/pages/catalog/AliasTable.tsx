import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconCheck, IconEdit, IconPlus, IconTrash, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ManufacturerAliasDto } from '../../../../api/catalog.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import { invalidateCatalog, modelKeys, modelsApi } from '../../data/models.js'

/** The manufacturer alias table: everyone reads it, admins add, change and delete rows (built-in ones too). */
export function AliasTable() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const admin = isAdmin(user)
  const qc = useQueryClient()
  const aliases = useQuery({ queryKey: modelKeys.aliases(), queryFn: modelsApi.aliases })
  const [filter, setFilter] = useState('')
  const [draft, setDraft] = useState({ alias: '', vendor: '' })
  const [editing, setEditing] = useState<{ id: string; alias: string; vendor: string } | null>(null)
  const done = () => void invalidateCatalog(qc)
  const add = useMutation({
    mutationFn: () => modelsApi.addAlias(draft),
    onSuccess: () => {
      setDraft({ alias: '', vendor: '' })
      done()
    },
  })
  const save = useMutation({
    mutationFn: (e: { id: string; alias: string; vendor: string }) =>
      modelsApi.updateAlias(e.id, { alias: e.alias, vendor: e.vendor }),
    onSuccess: () => {
      setEditing(null)
      done()
    },
  })
  const remove = useMutation({ mutationFn: modelsApi.removeAlias, onSuccess: done })
  const f = filter.trim().toLowerCase()
  const rows = (aliases.data ?? []).filter(
    (a) => !f || a.alias.toLowerCase().includes(f) || a.vendor.toLowerCase().includes(f),
  )

  const cells = (a: ManufacturerAliasDto) => {
    if (editing?.id !== a.id)
      return (
        <>
          <Table.Td>{a.alias}</Table.Td>
          <Table.Td>{a.vendor}</Table.Td>
        </>
      )
    return (
      <>
        <Table.Td>
          <TextInput
            size="xs"
            aria-label={t('catalog.alias')}
            value={editing.alias}
            onChange={(e) => setEditing({ ...editing, alias: e.currentTarget.value })}
          />
        </Table.Td>
        <Table.Td>
          <TextInput
            size="xs"
            aria-label={t('catalog.fields.vendor')}
            value={editing.vendor}
            onChange={(e) => setEditing({ ...editing, vendor: e.currentTarget.value })}
          />
        </Table.Td>
      </>
    )
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('catalog.aliasesHint')}
      </Text>
      {!admin && <Alert color="gray">{t('catalog.aliasesReadOnly')}</Alert>}
      {admin && (
        <Paper withBorder p="sm">
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault()
              add.mutate()
            }}
          >
            <Group align="flex-end" gap="xs">
              <TextInput
                size="xs"
                label={t('catalog.alias')}
                placeholder="株式会社〇〇メディカル"
                value={draft.alias}
                required
                onChange={(e) => setDraft({ ...draft, alias: e.currentTarget.value })}
              />
              <TextInput
                size="xs"
                label={t('catalog.fields.vendor')}
                placeholder="Philips"
                value={draft.vendor}
                required
                onChange={(e) => setDraft({ ...draft, vendor: e.currentTarget.value })}
              />
              <Button type="submit" size="xs" leftSection={<IconPlus size={14} />} loading={add.isPending}>
                {t('catalog.addAlias')}
              </Button>
            </Group>
          </form>
        </Paper>
      )}
      {aliases.error && <ErrorAlert error={aliases.error} />}
      {add.error && <ErrorAlert error={add.error} />}
      {save.error && <ErrorAlert error={save.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      <TextInput
        size="xs"
        w={300}
        label={t('catalog.filter')}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
      />
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalog.alias')}</Table.Th>
            <Table.Th>{t('catalog.fields.vendor')}</Table.Th>
            <Table.Th>{t('catalog.origin')}</Table.Th>
            {admin && <Table.Th w={110} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id}>
              {cells(a)}
              <Table.Td>
                <Badge size="xs" variant="light" color={a.builtin ? 'gray' : 'blue'}>
                  {t(a.builtin ? 'catalog.builtin' : 'catalog.custom')}
                </Badge>
              </Table.Td>
              {admin && (
                <Table.Td>
                  {editing?.id === a.id ? (
                    <Group gap={4}>
                      <Button size="compact-xs" aria-label={t('common.save')} onClick={() => save.mutate(editing)}>
                        <IconCheck size={14} />
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={t('common.cancel')}
                        onClick={() => setEditing(null)}
                      >
                        <IconX size={14} />
                      </Button>
                    </Group>
                  ) : (
                    <Group gap={4}>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={t('catalog.editAlias', { alias: a.alias })}
                        onClick={() => setEditing({ id: a.id, alias: a.alias, vendor: a.vendor })}
                      >
                        <IconEdit size={14} />
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('catalog.removeAlias', { alias: a.alias })}
                        onClick={() => remove.mutate(a.id)}
                      >
                        <IconTrash size={14} />
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
