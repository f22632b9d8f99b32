import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ComponentOut } from '../../../../api/vulns.js'
import { COMPONENT_KINDS, type ComponentKind } from '../../../../src/core/vulns/model.js'
import { ErrorAlert } from '../../components/common.js'
import { invalidateVulns, type Owner, vulnKeys, vulnsApi } from '../../data/vulns.js'
import { HeadRow, useShowMore } from './parts.js'

interface Draft {
  kind: ComponentKind
  name: string
  supplier: string
  version: string
  cpe: string
  purl: string
}

const EMPTY: Draft = { kind: 'firmware', name: '', supplier: '', version: '', cpe: '', purl: '' }

const isKind = (v: string | null): v is ComponentKind => COMPONENT_KINDS.some((k) => k === v)

/**
 * The components of a model or a device (OS, firmware, applications, libraries, hardware): from an SBOM, typed by
 * a person, or derived from the ledger. Engineers add, edit and delete them; SBOM components come back with the SBOM.
 */
export function ComponentsEditor({ owner, editable }: { owner: Owner; editable: boolean }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const q = useQuery({ queryKey: vulnKeys.components(owner), queryFn: () => vulnsApi.components(owner) })
  const [editing, setEditing] = useState<ComponentOut | 'new' | null>(null)
  const remove = useMutation({ mutationFn: vulnsApi.removeComponent, onSuccess: () => void invalidateVulns(qc) })
  const { shown, more } = useShowMore(q.data ?? [])

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('vulns.components.title')}
        </Text>
        {editable && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
          >
            {t('vulns.components.add')}
          </Button>
        )}
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {q.data && q.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('vulns.components.none')}
        </Text>
      )}
      {q.data && q.data.length > 0 && (
        <Table.ScrollContainer minWidth={760} mah={420}>
          <Table fz="sm" aria-label={t('vulns.components.title')}>
            <HeadRow
              labels={[
                t('vulns.components.kind'),
                t('vulns.components.name'),
                t('vulns.components.version'),
                t('vulns.components.ids'),
                t('vulns.components.source'),
                '',
              ]}
            />
            <Table.Tbody>
              {shown.map((c) => (
                <Table.Tr key={c.id} data-component={c.name}>
                  <Table.Td>{t(`vulns.componentKind.${c.kind}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.name}</Text>
                    {c.supplier && (
                      <Text size="xs" c="dimmed">
                        {c.supplier}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.version ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {[c.cpe, c.purl].filter(Boolean).join(' ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light" color={c.confirmed ? 'teal' : 'orange'}>
                      {t(`vulns.components.from.${c.source}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {editable && (
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label={t('vulns.components.edit')}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('vulns.components.editOne', { name: c.name })}
                            onClick={() => setEditing(c)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('vulns.components.delete')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('vulns.components.deleteOne', { name: c.name })}
                            onClick={() => {
                              if (window.confirm(t('vulns.components.confirmDelete', { name: c.name })))
                                remove.mutate(c.id)
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {more}
        </Table.ScrollContainer>
      )}
      <ComponentForm owner={owner} editing={editing} onClose={() => setEditing(null)} />
    </Stack>
  )
}

function ComponentForm({
  owner,
  editing,
  onClose,
}: {
  owner: Owner
  editing: ComponentOut | 'new' | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [shownFor, setShownFor] = useState<string | null>(null)
  const key = editing === 'new' ? 'new' : (editing?.id ?? null)
  if (key !== null && key !== shownFor) {
    setShownFor(key)
    setDraft(
      editing && editing !== 'new'
        ? {
            kind: editing.kind,
            name: editing.name,
            supplier: editing.supplier ?? '',
            version: editing.version ?? '',
            cpe: editing.cpe ?? '',
            purl: editing.purl ?? '',
          }
        : EMPTY,
    )
  }
  const close = () => {
    setShownFor(null)
    save.reset()
    onClose()
  }
  const save = useMutation({
    mutationFn: () => {
      const fields = {
        kind: draft.kind,
        name: draft.name.trim(),
        supplier: draft.supplier.trim() || null,
        version: draft.version.trim() || null,
        cpe: draft.cpe.trim() || null,
        purl: draft.purl.trim() || null,
      }
      return editing && editing !== 'new'
        ? vulnsApi.patchComponent(editing.id, { ...fields, confirmed: true })
        : vulnsApi.createComponent({ ...owner, ...fields, source: 'manual' })
    },
    onSuccess: async () => {
      await invalidateVulns(qc)
      close()
    },
  })
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  return (
    <Modal
      opened={editing !== null}
      onClose={close}
      title={editing === 'new' ? t('vulns.components.add') : t('vulns.components.edit')}
    >
      <Stack gap="sm">
        <Select
          label={t('vulns.components.kind')}
          data={COMPONENT_KINDS.map((k) => ({ value: k, label: t(`vulns.componentKind.${k}`) }))}
          value={draft.kind}
          onChange={(v) => isKind(v) && set({ kind: v })}
          allowDeselect={false}
        />
        <TextInput
          label={t('vulns.components.name')}
          required
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <TextInput
          label={t('vulns.components.supplier')}
          value={draft.supplier}
          onChange={(e) => set({ supplier: e.currentTarget.value })}
        />
        <TextInput
          label={t('vulns.components.version')}
          value={draft.version}
          onChange={(e) => set({ version: e.currentTarget.value })}
        />
        <TextInput
          label="CPE 2.3"
          description={t('vulns.components.cpeHint')}
          placeholder="cpe:2.3:o:microsoft:windows_10:1809:*:*:*:*:*:*:*"
          value={draft.cpe}
          onChange={(e) => set({ cpe: e.currentTarget.value })}
        />
        <TextInput
          label="purl"
          description={t('vulns.components.purlHint')}
          placeholder="pkg:npm/lodash@4.17.21"
          value={draft.purl}
          onChange={(e) => set({ purl: e.currentTarget.value })}
        />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} disabled={draft.name.trim() === ''} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
