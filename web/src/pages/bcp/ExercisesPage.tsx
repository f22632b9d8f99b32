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
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { bcpApi, bcpKeys, type Exercise, type ExerciseInput, invalidateBcp } from '../../data/bcp.js'
import { BcpTabs } from './parts.js'

const KINDS = ['tabletop', 'functional', 'full_scale'] as const

/** Tabletop and other exercises: when, what scenario, who took part, what was learnt and what follows. */
export function BcpExercisesPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const q = useQuery({ queryKey: bcpKeys.exercises(), queryFn: bcpApi.exercises })
  const services = useQuery({ queryKey: bcpKeys.services(), queryFn: bcpApi.services })
  const serviceName = new Map((services.data?.items ?? []).map((s) => [s.id, s.name]))
  const [editing, setEditing] = useState<Exercise | 'new' | null>(null)
  const remove = useMutation({
    mutationFn: (id: string) => bcpApi.deleteExercise(id),
    onSettled: () => void invalidateBcp(qc),
  })
  const items = [...(q.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn))
  return (
    <Stack gap="md">
      <PageHeader title={t('bcp.exercisesTitle')}>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('bcp.exercises.new')}
          </Button>
        )}
      </PageHeader>
      <BcpTabs />
      <Text size="sm">{t('bcp.exercises.intro')}</Text>
      {q.error && <ErrorAlert error={q.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      {q.isLoading && <Skeleton h={200} />}
      {q.data && items.length === 0 && <Text size="sm">{t('bcp.exercises.none')}</Text>}
      {items.map((x) => (
        <Paper key={x.id} withBorder p="md" component="article" aria-labelledby={`ex-${x.id}`} data-exercise={x.id}>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={3} size="h5" id={`ex-${x.id}`}>
                {x.heldOn} · {x.scenario}
              </Title>
              <Badge variant="light" mt={4}>
                {t(`bcp.exerciseKind.${x.kind}`)}
              </Badge>
            </div>
            {editable && (
              <Group gap={2}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('bcp.exercises.edit', { date: x.heldOn })}
                  onClick={() => setEditing(x)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('bcp.exercises.delete', { date: x.heldOn })}
                  onClick={() => {
                    if (window.confirm(t('bcp.exercises.deleteConfirm', { date: x.heldOn }))) remove.mutate(x.id)
                  }}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            )}
          </Group>
          <Stack gap={4} mt="xs">
            {x.participants && (
              <Text size="sm">
                <b>{t('bcp.exercises.participants')}:</b> {x.participants}
              </Text>
            )}
            {x.serviceIds.length > 0 && (
              <Group gap={6}>
                <Text size="sm" fw={700}>
                  {t('bcp.exercises.services')}:
                </Text>
                {x.serviceIds.map((id) => (
                  <Anchor key={id} component={Link} to={`/bcp/services/${encodeURIComponent(id)}`} size="sm">
                    {serviceName.get(id) ?? id}
                  </Anchor>
                ))}
              </Group>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              <b>{t('bcp.exercises.lessons')}:</b> {x.lessons || '—'}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={x.followUps ? undefined : 'orange.8'}>
              <b>{t('bcp.exercises.followUps')}:</b> {x.followUps || t('bcp.exercises.noFollowUps')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('bcp.planMeta', { by: x.createdBy ?? '—', when: formatDateTime(x.updatedAt, i18n.language) })}
            </Text>
          </Stack>
        </Paper>
      ))}
      {editing && (
        <ExerciseDialog
          exercise={editing === 'new' ? null : editing}
          services={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  )
}

function ExerciseDialog({
  exercise,
  services,
  onClose,
}: {
  exercise: Exercise | null
  services: { value: string; label: string }[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [heldOn, setHeldOn] = useState(exercise?.heldOn ?? new Date().toISOString().slice(0, 10))
  const [scenario, setScenario] = useState(exercise?.scenario ?? '')
  const [kind, setKind] = useState<(typeof KINDS)[number]>(exercise?.kind ?? 'tabletop')
  const [participants, setParticipants] = useState(exercise?.participants ?? '')
  const [serviceIds, setServiceIds] = useState<string[]>(exercise?.serviceIds ?? [])
  const [lessons, setLessons] = useState(exercise?.lessons ?? '')
  const [followUps, setFollowUps] = useState(exercise?.followUps ?? '')
  const save = useMutation({
    mutationFn: () => {
      const json: ExerciseInput = { heldOn, scenario, kind, participants, serviceIds, lessons, followUps }
      return exercise ? bcpApi.saveExercise(exercise.id, json) : bcpApi.createExercise(json)
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
      title={exercise ? t('bcp.exercises.editTitle') : t('bcp.exercises.new')}
      closeButtonProps={{ 'aria-label': t('bcp.close') }}
    >
      <Stack gap="sm">
        <Group grow align="start">
          <TextInput
            label={t('bcp.exercises.heldOn')}
            placeholder="YYYY-MM-DD"
            value={heldOn}
            onChange={(e) => setHeldOn(e.currentTarget.value)}
            required
          />
          <Select
            label={t('bcp.exercises.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`bcp.exerciseKind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as (typeof KINDS)[number])}
            allowDeselect={false}
          />
        </Group>
        <Textarea
          label={t('bcp.exercises.scenario')}
          description={t('bcp.exercises.scenarioHint')}
          value={scenario}
          onChange={(e) => setScenario(e.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        <Textarea
          label={t('bcp.exercises.participants')}
          value={participants}
          onChange={(e) => setParticipants(e.currentTarget.value)}
          autosize
          minRows={1}
        />
        <MultiSelect
          label={t('bcp.exercises.services')}
          data={services}
          value={serviceIds}
          onChange={setServiceIds}
          searchable
        />
        <Textarea
          label={t('bcp.exercises.lessons')}
          value={lessons}
          onChange={(e) => setLessons(e.currentTarget.value)}
          autosize
          minRows={3}
        />
        <Textarea
          label={t('bcp.exercises.followUps')}
          description={t('bcp.exercises.followUpsHint')}
          value={followUps}
          onChange={(e) => setFollowUps(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={save.isPending} disabled={!scenario.trim() || !heldOn} onClick={() => save.mutate()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
