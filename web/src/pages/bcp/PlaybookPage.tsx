import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { PLAYBOOK_PHASES } from '../../../../api/bcp.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import {
  bcpApi,
  bcpKeys,
  invalidateBcp,
  type PlaybookPhase,
  type PlaybookTask,
  type PlaybookTaskInput,
} from '../../data/bcp.js'
import { BcpTabs, useJa, WarningList } from './parts.js'

const inputOf = (task: PlaybookTask): PlaybookTaskInput => {
  const { id: _id, updatedAt: _u, ...rest } = task
  return rest
}

/** The playbook in MHLW's five phases (平時 / 検知 / 初動対応 / 復旧処理 / 事後対応), each with its tasks and owners. */
export function BcpPlaybookPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const q = useQuery({ queryKey: bcpKeys.playbook(), queryFn: bcpApi.playbook })
  const services = useQuery({ queryKey: bcpKeys.services(), queryFn: bcpApi.services })
  const serviceName = new Map((services.data?.items ?? []).map((s) => [s.id, s.name]))
  const [editing, setEditing] = useState<{ task: PlaybookTask | null; phase: PlaybookPhase } | null>(null)
  const move = useMutation({
    mutationFn: async ({ a, b }: { a: PlaybookTask; b: PlaybookTask }) => {
      // Swap the two positions; equal orders get distinct ones so the swap shows.
      const ao = a.order === b.order ? b.order + 1 : b.order
      await bcpApi.saveTask(a.id, { ...inputOf(a), order: ao })
      await bcpApi.saveTask(b.id, { ...inputOf(b), order: a.order })
    },
    onSettled: () => void invalidateBcp(qc),
  })
  const remove = useMutation({
    mutationFn: (id: string) => bcpApi.deleteTask(id),
    onSettled: () => void invalidateBcp(qc),
  })
  const phases = PLAYBOOK_PHASES.map((phase) => ({
    phase,
    tasks: [...(q.data?.phases.find((p) => p.phase === phase)?.tasks ?? [])].sort((a, b) => a.order - b.order),
  }))
  return (
    <Stack gap="md">
      <PageHeader title={t('bcp.playbookTitle')} />
      <BcpTabs />
      <Text size="sm">{t('bcp.playbook.intro')}</Text>
      {q.error && <ErrorAlert error={q.error} />}
      {move.error && <ErrorAlert error={move.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {q.isLoading && <Skeleton h={300} />}
      {q.data && <WarningList warnings={q.data.warnings} />}
      {q.data && (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 5 }} spacing="sm">
          {phases.map(({ phase, tasks }, pi) => (
            <Paper
              key={phase}
              withBorder
              p="sm"
              component="section"
              aria-labelledby={`bcp-phase-${phase}`}
              data-phase={phase}
            >
              <Title order={3} size="h5" id={`bcp-phase-${phase}`}>
                {pi + 1}. {t(`bcp.phase.${phase}`)}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t(`bcp.phaseHint.${phase}`)}
              </Text>
              <Stack gap="xs">
                {tasks.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('bcp.playbook.noTasks')}
                  </Text>
                )}
                {tasks.map((task, i) => (
                  <TaskCard
                    key={task.id}
                    task={task}
                    serviceName={serviceName}
                    editable={editable}
                    busy={move.isPending || remove.isPending}
                    onEdit={() => setEditing({ task, phase })}
                    onDelete={() => {
                      if (window.confirm(t('bcp.playbook.deleteConfirm'))) remove.mutate(task.id)
                    }}
                    onUp={i > 0 ? () => move.mutate({ a: task, b: tasks[i - 1] as PlaybookTask }) : undefined}
                    onDown={
                      i < tasks.length - 1 ? () => move.mutate({ a: task, b: tasks[i + 1] as PlaybookTask }) : undefined
                    }
                  />
                ))}
                {editable && (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setEditing({ task: null, phase })}
                    aria-label={t('bcp.playbook.addTo', { phase: t(`bcp.phase.${phase}`) })}
                  >
                    {t('bcp.playbook.add')}
                  </Button>
                )}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {editing && (
        <TaskDialog
          task={editing.task}
          phase={editing.phase}
          nextOrder={
            Math.max(-1, ...(phases.find((p) => p.phase === editing.phase)?.tasks ?? []).map((x) => x.order)) + 1
          }
          services={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  )
}

function TaskCard({
  task,
  serviceName,
  editable,
  busy,
  onEdit,
  onDelete,
  onUp,
  onDown,
}: {
  task: PlaybookTask
  serviceName: Map<string, string>
  editable: boolean
  busy: boolean
  onEdit: () => void
  onDelete: () => void
  onUp?: () => void
  onDown?: () => void
}) {
  const { t } = useTranslation()
  const ja = useJa()
  const title = (ja ? task.titleJa : task.titleEn) || task.titleJa
  const detail = (ja ? task.detailJa : task.detailEn) || task.detailJa
  return (
    <Paper withBorder p="xs" bg={task.owner ? undefined : 'orange.0'} data-task={task.id}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="xs" mt={2}>
        {t('bcp.playbook.owner')}:{' '}
        {task.owner ?? (
          <Text span size="xs" c="orange.8" fw={700} data-no-owner>
            {t('bcp.playbook.noOwner')}
          </Text>
        )}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
          {detail}
        </Text>
      )}
      {task.serviceIds.length > 0 && (
        <Group gap={4} mt={4}>
          {task.serviceIds.map((id) => (
            <Anchor key={id} component={Link} to={`/bcp/services/${encodeURIComponent(id)}`} size="xs">
              {serviceName.get(id) ?? id}
            </Anchor>
          ))}
        </Group>
      )}
      {task.source && (
        <Badge variant="outline" color="gray" size="xs" mt={4}>
          {task.source}
        </Badge>
      )}
      {editable && (
        <Group gap={2} mt={4} justify="flex-end">
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('bcp.playbook.up', { title })}
            disabled={!onUp || busy}
            onClick={onUp}
          >
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('bcp.playbook.down', { title })}
            disabled={!onDown || busy}
            onClick={onDown}
          >
            <IconArrowDown size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" size="sm" aria-label={t('bcp.playbook.edit', { title })} onClick={onEdit}>
            <IconPencil size={14} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            size="sm"
            color="red"
            aria-label={t('bcp.playbook.delete', { title })}
            disabled={busy}
            onClick={onDelete}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      )}
    </Paper>
  )
}

function TaskDialog({
  task,
  phase: initialPhase,
  nextOrder,
  services,
  onClose,
}: {
  task: PlaybookTask | null
  phase: PlaybookPhase
  nextOrder: number
  services: { value: string; label: string }[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [phase, setPhase] = useState<PlaybookPhase>(task?.phase ?? initialPhase)
  const [titleJa, setTitleJa] = useState(task?.titleJa ?? '')
  const [titleEn, setTitleEn] = useState(task?.titleEn ?? '')
  const [detailJa, setDetailJa] = useState(task?.detailJa ?? '')
  const [detailEn, setDetailEn] = useState(task?.detailEn ?? '')
  const [owner, setOwner] = useState(task?.owner ?? '')
  const [serviceIds, setServiceIds] = useState<string[]>(task?.serviceIds ?? [])
  const [source, setSource] = useState(task?.source ?? '')
  const save = useMutation({
    mutationFn: () => {
      const json: PlaybookTaskInput = {
        phase,
        titleJa,
        titleEn,
        detailJa,
        detailEn,
        owner: owner.trim() || null,
        serviceIds,
        order: task && task.phase === phase ? task.order : nextOrder,
        source,
      }
      return task ? bcpApi.saveTask(task.id, json) : bcpApi.createTask(json)
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
      title={task ? t('bcp.playbook.editTitle') : t('bcp.playbook.newTitle')}
      closeButtonProps={{ 'aria-label': t('bcp.close') }}
    >
      <Stack gap="sm">
        <Select
          label={t('bcp.playbook.phase')}
          data={PLAYBOOK_PHASES.map((p) => ({ value: p, label: t(`bcp.phase.${p}`) }))}
          value={phase}
          onChange={(v) => v && setPhase(v as PlaybookPhase)}
          allowDeselect={false}
        />
        <TextInput
          label={t('bcp.playbook.titleJa')}
          value={titleJa}
          onChange={(e) => setTitleJa(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('bcp.playbook.titleEn')}
          value={titleEn}
          onChange={(e) => setTitleEn(e.currentTarget.value)}
        />
        <TextInput
          label={t('bcp.playbook.owner')}
          description={t('bcp.playbook.ownerHint')}
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
        />
        <Textarea
          label={t('bcp.playbook.detailJa')}
          value={detailJa}
          onChange={(e) => setDetailJa(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Textarea
          label={t('bcp.playbook.detailEn')}
          value={detailEn}
          onChange={(e) => setDetailEn(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <MultiSelect
          label={t('bcp.playbook.services')}
          description={t('bcp.playbook.servicesHint')}
          data={services}
          value={serviceIds}
          onChange={setServiceIds}
          searchable
        />
        <TextInput
          label={t('bcp.playbook.source')}
          description={t('bcp.playbook.sourceHint')}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
        />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} disabled={!titleJa.trim()} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
