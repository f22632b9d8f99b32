import {
  ActionIcon,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { SERVICE_CRITICALITIES, type ServiceCriticality } from '../../../../api/bcp.js'
import { ApiError } from '../../api.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { DependencyGraph } from '../../components/graph/DependencyGraph.js'
import {
  type BcpWarning,
  bcpApi,
  bcpKeys,
  type ClinicalService,
  impactLink,
  invalidateBcp,
  type NodeRef,
  nodeLink,
} from '../../data/bcp.js'
import { BcpTabs, CardsDownload, NodePicker, useJa, WarningList } from './parts.js'

/** One clinical service: its plan (MTD, fallback, who decides), its dependencies, its picture and its card. */
export function BcpServiceDetailPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const q = useQuery({ queryKey: bcpKeys.service(id), queryFn: () => bcpApi.service(id) })
  // Kept here: a save brings a new version, which remounts the editor with the saved values.
  const [savedVersion, setSavedVersion] = useState<number | null>(null)
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/bcp" size="sm">
          {t('bcp.title')}
        </Anchor>
        <Text size="sm">{q.data?.name ?? id}</Text>
      </Breadcrumbs>
      <BcpTabs />
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={300} />}
      {q.data && (
        <ServiceEditor
          key={q.data.version}
          service={q.data}
          onReload={() => void q.refetch()}
          justSaved={savedVersion === q.data.version}
          onSaved={setSavedVersion}
        />
      )}
      {q.data && <ServiceGraph id={q.data.id} />}
    </Stack>
  )
}

interface DepRow {
  target: NodeRef
  label: string
  strength: 'hard' | 'soft'
  note: string
  broken: boolean
}

function ServiceEditor({
  service: s,
  onReload,
  justSaved,
  onSaved,
}: {
  service: ClinicalService
  onReload: () => void
  justSaved: boolean
  onSaved: (version: number) => void
}) {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [name, setName] = useState(s.name)
  const [nameEn, setNameEn] = useState(s.nameEn)
  const [description, setDescription] = useState(s.description)
  const [department, setDepartment] = useState(s.department ?? '')
  const [criticality, setCriticality] = useState<ServiceCriticality>(s.criticality)
  const [owner, setOwner] = useState(s.owner ?? '')
  const [decider, setDecider] = useState(s.decider ?? '')
  const [mtd, setMtd] = useState<number | string>(s.maxDowntimeMinutes ?? '')
  const [fallbackJa, setFallbackJa] = useState(s.fallbackJa)
  const [fallbackEn, setFallbackEn] = useState(s.fallbackEn)
  const [deps, setDeps] = useState<DepRow[]>(
    s.dependencies.map((d) => ({
      target: d.target,
      label: d.label,
      strength: d.strength,
      note: d.note,
      broken: d.broken,
    })),
  )
  const save = useMutation({
    mutationFn: () =>
      bcpApi.saveService(s.id, {
        name,
        nameEn,
        description,
        department: department.trim() || null,
        criticality,
        owner: owner.trim() || null,
        decider: decider.trim() || null,
        maxDowntimeMinutes: typeof mtd === 'number' ? mtd : null,
        fallbackJa,
        fallbackEn,
        dependencies: deps.map((d) => ({ target: d.target, strength: d.strength, note: d.note })),
        seedKey: s.seedKey,
        version: s.version,
      }),
    onSuccess: (saved) => {
      onSaved(saved.version)
      void invalidateBcp(qc)
    },
  })
  const remove = useMutation({
    mutationFn: () => bcpApi.deleteService(s.id),
    onSuccess: async () => {
      await invalidateBcp(qc)
      navigate('/bcp')
    },
  })
  const conflict = save.error instanceof ApiError && save.error.status === 409
  const addDep = (target: NodeRef, label: string) => {
    if (deps.some((d) => d.target.kind === target.kind && d.target.id === target.id)) return
    setDeps([...deps, { target, label, strength: 'hard', note: '', broken: false }])
  }
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h3">
          {s.name}
        </Title>
        <Group gap="xs">
          <CardsDownload services={[s.id]} compact />
          {editable && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onClick={() => {
                if (window.confirm(t('bcp.service.deleteConfirm', { name: s.name }))) remove.mutate()
              }}
            >
              {t('bcp.service.delete')}
            </Button>
          )}
        </Group>
      </Group>
      {remove.error && <ErrorAlert error={remove.error} />}
      <WarningList warnings={s.warnings} />
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-service-plan">
        <Title order={3} size="h5" mb="sm" id="bcp-service-plan">
          {t('bcp.service.planTitle')}
        </Title>
        <Stack gap="sm">
          <Group grow align="start">
            <TextInput
              label={t('bcp.service.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              disabled={!editable}
            />
            <TextInput
              label={t('bcp.service.nameEn')}
              value={nameEn}
              onChange={(e) => setNameEn(e.currentTarget.value)}
              disabled={!editable}
            />
          </Group>
          <Textarea
            label={t('bcp.service.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
            disabled={!editable}
          />
          <Group grow align="start">
            <TextInput
              label={t('bcp.service.department')}
              value={department}
              onChange={(e) => setDepartment(e.currentTarget.value)}
              disabled={!editable}
            />
            <Select
              label={t('bcp.service.criticality')}
              data={SERVICE_CRITICALITIES.map((c) => ({ value: c, label: t(`bcp.criticality.${c}`) }))}
              value={criticality}
              onChange={(v) => v && setCriticality(v as ServiceCriticality)}
              allowDeselect={false}
              disabled={!editable}
            />
            <NumberInput
              label={t('bcp.service.mtdMinutes')}
              description={t('bcp.service.mtdHint')}
              value={mtd}
              onChange={setMtd}
              min={0}
              max={60 * 24 * 90}
              allowDecimal={false}
              disabled={!editable}
            />
          </Group>
          <Group grow align="start">
            <TextInput
              label={t('bcp.service.owner')}
              description={t('bcp.service.ownerHint')}
              value={owner}
              onChange={(e) => setOwner(e.currentTarget.value)}
              disabled={!editable}
            />
            <TextInput
              label={t('bcp.service.decider')}
              description={t('bcp.service.deciderHint')}
              value={decider}
              onChange={(e) => setDecider(e.currentTarget.value)}
              disabled={!editable}
            />
          </Group>
          <Group grow align="start">
            <Textarea
              label={t('bcp.service.fallbackJa')}
              description={t('bcp.service.fallbackHint')}
              value={fallbackJa}
              onChange={(e) => setFallbackJa(e.currentTarget.value)}
              autosize
              minRows={3}
              disabled={!editable}
            />
            <Textarea
              label={t('bcp.service.fallbackEn')}
              description={t('bcp.service.fallbackEnHint')}
              value={fallbackEn}
              onChange={(e) => setFallbackEn(e.currentTarget.value)}
              autosize
              minRows={3}
              disabled={!editable}
            />
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-service-deps">
        <Title order={3} size="h5" mb="xs" id="bcp-service-deps">
          {t('bcp.deps.title', { count: deps.length })}
        </Title>
        <Text size="sm" mb="sm">
          {t('bcp.deps.intro')}
        </Text>
        <DependencyTable deps={deps} onChange={setDeps} editable={editable} warnings={s.warnings} />
        {editable && (
          <Paper withBorder p="sm" mt="sm" bg="gray.0">
            <Text size="sm" fw={600} mb={4}>
              {t('bcp.deps.add')}
            </Text>
            <NodePicker onPick={addDep} excludeService={s.id} submitLabel={t('bcp.deps.addButton')} />
          </Paper>
        )}
      </Paper>
      {editable && (
        <Group>
          <Button
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            disabled={!name.trim()}
            onClick={() => save.mutate()}
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
      {save.error && (
        <Stack gap="xs">
          <ErrorAlert error={save.error} title={conflict ? t('bcp.conflict') : undefined} />
          {conflict && (
            <Button variant="default" size="compact-sm" w="fit-content" onClick={onReload}>
              {t('bcp.reload')}
            </Button>
          )}
        </Stack>
      )}
      {justSaved && !save.error && (
        <Text size="sm" c="teal.7" role="status">
          {t('bcp.saved')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('bcp.meta', {
          by: s.updatedBy ?? '—',
          when: formatDateTime(s.updatedAt, i18n.language),
          version: s.version,
        })}
      </Text>
    </Stack>
  )
}

/** The dependencies as rows: what, how hard, a note; broken ones red with the reason from the plan's warnings. */
export function DependencyTable({
  deps,
  onChange,
  editable,
  warnings,
  emptyText,
}: {
  deps: DepRow[]
  onChange: (deps: DepRow[]) => void
  editable: boolean
  warnings: BcpWarning[]
  /** What to say when there is none (a service cannot be found by the impact analysis then). */
  emptyText?: string
}) {
  const { t } = useTranslation()
  const ja = useJa()
  if (deps.length === 0)
    return (
      <Text size="sm" c="orange.8">
        {emptyText ?? t('bcp.deps.none')}
      </Text>
    )
  const set = (i: number, patch: Partial<DepRow>) => onChange(deps.map((d, j) => (j === i ? { ...d, ...patch } : d)))
  const why = (d: DepRow) => {
    const w = warnings.find(
      (x) =>
        (x.code === 'retired_dependency' || x.code === 'unknown_dependency') &&
        x.nodes.some((n) => n.kind === d.target.kind && n.id === d.target.id),
    )
    return w ? (ja ? w.messageJa : w.messageEn) : t('bcp.deps.brokenWhy')
  }
  return (
    <Table fz="sm" aria-label={t('bcp.deps.table')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('bcp.deps.kind')}</Table.Th>
          <Table.Th>{t('bcp.deps.target')}</Table.Th>
          <Table.Th>{t('bcp.deps.strength')}</Table.Th>
          <Table.Th>{t('bcp.deps.note')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deps.map((d, i) => (
          <Table.Tr
            key={`${d.target.kind}:${d.target.id}`}
            data-dependency={`${d.target.kind}:${d.target.id}`}
            data-broken={d.broken}
            bg={d.broken ? 'red.0' : undefined}
          >
            <Table.Td>
              <Badge variant="light" color="gray">
                {t(`bcp.kind.${d.target.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={nodeLink(d.target)} size="sm" c={d.broken ? 'red.8' : undefined}>
                {d.label || d.target.id}
              </Anchor>
              {' · '}
              <Anchor component={Link} to={impactLink(d.target)} size="xs">
                {t('bcp.deps.impact')}
              </Anchor>
              {d.broken && (
                <Text size="xs" c="red.8" fw={600}>
                  {why(d)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Select
                aria-label={t('bcp.deps.strengthOf', { name: d.label || d.target.id })}
                data={[
                  { value: 'hard', label: t('bcp.strength.hard') },
                  { value: 'soft', label: t('bcp.strength.soft') },
                ]}
                value={d.strength}
                onChange={(v) => v && set(i, { strength: v === 'soft' ? 'soft' : 'hard' })}
                allowDeselect={false}
                disabled={!editable}
                w={170}
              />
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={t('bcp.deps.noteOf', { name: d.label || d.target.id })}
                value={d.note}
                onChange={(e) => set(i, { note: e.currentTarget.value })}
                disabled={!editable}
              />
            </Table.Td>
            <Table.Td>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('bcp.deps.remove', { name: d.label || d.target.id })}
                  onClick={() => onChange(deps.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function ServiceGraph({ id }: { id: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const g = useQuery({ queryKey: bcpKeys.graph(id), queryFn: () => bcpApi.graph(id) })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="bcp-service-graph">
      <Title order={3} size="h5" mb="xs" id="bcp-service-graph">
        {t('bcp.graph.serviceTitle')}
      </Title>
      {g.error && <ErrorAlert error={g.error} />}
      {g.data && (
        <DependencyGraph
          graph={g.data}
          label={t('bcp.graph.serviceTitle')}
          onNodeClick={(ref) => navigate(nodeLink(ref))}
        />
      )}
    </Paper>
  )
}
