import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDownload, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CONTACT_KINDS } from '../../../../api/bcp.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { type GraphEdge, type GraphNode, LayeredGraph } from '../../components/graph/LayeredGraph.js'
import { bcpApi, bcpKeys, type Contact, type ContactInput, invalidateBcp } from '../../data/bcp.js'
import { BcpTabs, useJa, WarningList } from './parts.js'

type ContactKind = (typeof CONTACT_KINDS)[number]

const KIND_STYLE: Record<ContactKind, Pick<GraphNode, 'fill' | 'stroke' | 'text'>> = {
  internal: { fill: '#e7f5ff', stroke: '#1c7ed6', text: '#1864ab' },
  vendor: { fill: '#fff4e6', stroke: '#e8590c', text: '#a63c06' },
  authority: { fill: '#f3f0ff', stroke: '#7048e8', text: '#5f3dc4' },
  police: { fill: '#e6fcf5', stroke: '#0ca678', text: '#087f5b' },
  other: { fill: '#f8f9fa', stroke: '#868e96', text: '#212529' },
}

/** The contact chain (連絡体制図): who calls whom inside the hospital and out to vendors, MHLW and the police. */
export function BcpContactsPage() {
  const { t } = useTranslation()
  const ja = useJa()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const q = useQuery({ queryKey: bcpKeys.contacts(), queryFn: bcpApi.contacts })
  const [editing, setEditing] = useState<Contact | 'new' | null>(null)
  const remove = useMutation({
    mutationFn: (id: string) => bcpApi.deleteContact(id),
    onSettled: () => void invalidateBcp(qc),
  })
  const items = useMemo(() => [...(q.data?.items ?? [])].sort((a, b) => a.order - b.order), [q.data])
  const byId = new Map(items.map((c) => [c.id, c]))
  const chart = useMemo(() => {
    const nodes: GraphNode[] = items.map((c) => ({
      id: c.id,
      label: c.name,
      sub: [c.role, c.phone].filter(Boolean).join(' · ') || undefined,
      ...KIND_STYLE[c.kind],
    }))
    const edges: GraphEdge[] = items.flatMap((c) => c.notifies.map((to) => ({ from: c.id, to })))
    return { nodes, edges }
  }, [items])
  const lang = ja ? 'ja' : 'en'
  return (
    <Stack gap="md">
      <PageHeader title={t('bcp.contactsTitle')}>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('bcp.contacts.new')}
          </Button>
        )}
      </PageHeader>
      <BcpTabs />
      <Text size="sm">{t('bcp.contacts.intro')}</Text>
      {q.error && <ErrorAlert error={q.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {q.isLoading && <Skeleton h={200} />}
      {q.data && <WarningList warnings={q.data.warnings} />}
      {q.data && (
        <Paper withBorder p="md" component="section" aria-labelledby="bcp-contact-chart">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5" id="bcp-contact-chart">
              {t('bcp.contacts.chartTitle')}
            </Title>
            <Anchor href={bcpApi.contactChartPath(lang)} download={`contact-chain-${lang}.svg`} size="sm">
              <Group gap={4}>
                <IconDownload size={14} />
                {t('bcp.contacts.chartDownload')}
              </Group>
            </Anchor>
          </Group>
          {items.length === 0 ? (
            <Text size="sm">{t('bcp.contacts.none')}</Text>
          ) : (
            <>
              <LayeredGraph
                nodes={chart.nodes}
                edges={chart.edges}
                label={t('bcp.contacts.chartTitle')}
                direction="TB"
              />
              <Group gap="md" mt="xs">
                {CONTACT_KINDS.map((k) => (
                  <Group key={k} gap={4}>
                    <svg width={22} height={12} aria-hidden="true">
                      <rect
                        x={1}
                        y={1}
                        width={20}
                        height={10}
                        rx={3}
                        fill={KIND_STYLE[k].fill}
                        stroke={KIND_STYLE[k].stroke}
                      />
                    </svg>
                    <Text size="xs">{t(`bcp.contactKind.${k}`)}</Text>
                  </Group>
                ))}
                <Text size="xs" c="dimmed">
                  {t('bcp.contacts.arrow')}
                </Text>
              </Group>
            </>
          )}
        </Paper>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table fz="sm" striped aria-label={t('bcp.contacts.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bcp.contacts.name')}</Table.Th>
                <Table.Th>{t('bcp.contacts.kind')}</Table.Th>
                <Table.Th>{t('bcp.contacts.role')}</Table.Th>
                <Table.Th>{t('bcp.contacts.phone')}</Table.Th>
                <Table.Th>{t('bcp.contacts.availability')}</Table.Th>
                <Table.Th>{t('bcp.contacts.notifies')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-contact={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.name}
                    </Text>
                    {c.organisation && (
                      <Text size="xs" c="dimmed">
                        {c.organisation}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {t(`bcp.contactKind.${c.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{c.role || '—'}</Table.Td>
                  <Table.Td>
                    {c.phone || (
                      <Text span size="sm" c="orange.8">
                        {t('bcp.missing')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.availability || '—'}</Table.Td>
                  <Table.Td>
                    {c.notifies.length === 0
                      ? '—'
                      : c.notifies.map((id) => byId.get(id)?.name ?? t('bcp.contacts.unknown', { id })).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    {editable && (
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('bcp.contacts.edit', { name: c.name })}
                          onClick={() => setEditing(c)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('bcp.contacts.delete', { name: c.name })}
                          onClick={() => {
                            if (window.confirm(t('bcp.contacts.deleteConfirm', { name: c.name }))) remove.mutate(c.id)
                          }}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <ContactDialog
          contact={editing === 'new' ? null : editing}
          others={items.filter((c) => editing === 'new' || c.id !== editing.id)}
          nextOrder={Math.max(-1, ...items.map((c) => c.order)) + 1}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  )
}

function ContactDialog({
  contact,
  others,
  nextOrder,
  onClose,
}: {
  contact: Contact | null
  others: Contact[]
  nextOrder: number
  onClose: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [name, setName] = useState(contact?.name ?? '')
  const [role, setRole] = useState(contact?.role ?? '')
  const [organisation, setOrganisation] = useState(contact?.organisation ?? '')
  const [kind, setKind] = useState<ContactKind>(contact?.kind ?? 'internal')
  const [phone, setPhone] = useState(contact?.phone ?? '')
  const [email, setEmail] = useState(contact?.email ?? '')
  const [availability, setAvailability] = useState(contact?.availability ?? '')
  const [notifies, setNotifies] = useState<string[]>(contact?.notifies ?? [])
  const [order, setOrder] = useState<number | string>(contact?.order ?? nextOrder)
  const save = useMutation({
    mutationFn: () => {
      const json: ContactInput = {
        name,
        role,
        organisation,
        kind,
        phone,
        email,
        availability,
        notifies,
        order: typeof order === 'number' ? order : 0,
      }
      return contact ? bcpApi.saveContact(contact.id, json) : bcpApi.createContact(json)
    },
    onSuccess: async () => {
      await invalidateBcp(qc)
      onClose()
    },
  })
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={contact ? t('bcp.contacts.editTitle') : t('bcp.contacts.new')}
      closeButtonProps={{ 'aria-label': t('bcp.close') }}
    >
      <Stack gap="sm">
        <Group grow align="start">
          <TextInput
            label={t('bcp.contacts.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <Select
            label={t('bcp.contacts.kind')}
            data={CONTACT_KINDS.map((k) => ({ value: k, label: t(`bcp.contactKind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as ContactKind)}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label={t('bcp.contacts.role')}
          description={t('bcp.contacts.roleHint')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
        />
        <TextInput
          label={t('bcp.contacts.organisation')}
          value={organisation}
          onChange={(e) => setOrganisation(e.currentTarget.value)}
        />
        <Group grow align="start">
          <TextInput label={t('bcp.contacts.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
          <TextInput label={t('bcp.contacts.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        </Group>
        <Group grow align="start">
          <TextInput
            label={t('bcp.contacts.availability')}
            description={t('bcp.contacts.availabilityHint')}
            value={availability}
            onChange={(e) => setAvailability(e.currentTarget.value)}
          />
          <NumberInput label={t('bcp.contacts.order')} value={order} onChange={setOrder} min={0} max={10000} />
        </Group>
        <MultiSelect
          label={t('bcp.contacts.notifies')}
          description={t('bcp.contacts.notifiesHint')}
          data={others.map((c) => ({ value: c.id, label: c.role ? `${c.name} (${c.role})` : c.name }))}
          value={notifies}
          onChange={setNotifies}
          searchable
        />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} disabled={!name.trim()} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
