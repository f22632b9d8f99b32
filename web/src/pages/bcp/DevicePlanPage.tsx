import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { bcpApi, bcpKeys, type DevicePlan, impactLink, invalidateBcp, type NodeRef } from '../../data/bcp.js'
import { BcpTabs, CardsDownload, lines, NodePicker } from './parts.js'
import { DependencyTable } from './ServiceDetailPage.js'

/** One device's downtime plan: isolate it and keep it running, recover, validate, whom to call. */
export function BcpDevicePlanPage() {
  const { deviceId = '' } = useParams()
  const { t } = useTranslation()
  const q = useQuery({ queryKey: bcpKeys.plan(deviceId), queryFn: () => bcpApi.plan(deviceId) })
  // Kept here: a save brings a new plan, which remounts the editor with the saved values.
  const [savedAt, setSavedAt] = useState<string | null>(null)
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/bcp/plans" size="sm">
          {t('bcp.plansTitle')}
        </Anchor>
        <Text size="sm">{q.data?.device.assetTag ?? deviceId}</Text>
      </Breadcrumbs>
      <BcpTabs />
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={300} />}
      {q.data && (
        <PlanEditor
          key={`${q.data.updatedAt ?? 'default'}`}
          plan={q.data}
          justSaved={savedAt !== null && savedAt === q.data.updatedAt}
          onSaved={setSavedAt}
        />
      )}
    </Stack>
  )
}

function PlanEditor({
  plan: p,
  justSaved,
  onSaved,
}: {
  plan: DevicePlan
  justSaved: boolean
  onSaved: (updatedAt: string | null) => void
}) {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const editable = canEdit(user)
  const qc = useQueryClient()
  const [isolationJa, setIsolationJa] = useState(p.isolationJa)
  const [isolationEn, setIsolationEn] = useState(p.isolationEn)
  const [recoveryJa, setRecoveryJa] = useState(p.recoveryStepsJa.join('\n'))
  const [recoveryEn, setRecoveryEn] = useState(p.recoveryStepsEn.join('\n'))
  const [validationJa, setValidationJa] = useState(p.validationJa.join('\n'))
  const [validationEn, setValidationEn] = useState(p.validationEn.join('\n'))
  const [contact, setContact] = useState(p.manufacturerContact24h)
  const [backupNote, setBackupNote] = useState(p.backupNote)
  const [deps, setDeps] = useState(
    p.dependsOn.map((d) => ({
      target: d.target,
      label: d.label,
      strength: d.strength,
      note: d.note,
      broken: d.broken,
    })),
  )
  const save = useMutation({
    mutationFn: () =>
      bcpApi.savePlan(p.deviceId, {
        isolationJa,
        isolationEn,
        recoveryStepsJa: lines(recoveryJa),
        recoveryStepsEn: lines(recoveryEn),
        validationJa: lines(validationJa),
        validationEn: lines(validationEn),
        manufacturerContact24h: contact,
        backupNote,
        dependsOn: deps.map((d) => ({ target: d.target, strength: d.strength, note: d.note })),
      }),
    onSuccess: (saved) => {
      onSaved(saved.updatedAt)
      void invalidateBcp(qc)
    },
  })
  const addDep = (target: NodeRef, label: string) => {
    if (target.kind === 'device' && target.id === p.deviceId) return
    if (deps.some((d) => d.target.kind === target.kind && d.target.id === target.id)) return
    setDeps([...deps, { target, label, strength: 'hard', note: '', broken: false }])
  }
  const d = p.device
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {[d.assetTag, d.name].filter(Boolean).join(' · ') || p.deviceId}
          </Title>
          <Text size="sm" c="dimmed">
            {[d.model, d.department, d.location].filter(Boolean).join(' / ')}
          </Text>
          <Group gap={6} mt={4}>
            {p.saved ? (
              <Badge color="teal" variant="light">
                {t('bcp.plans.saved')}
              </Badge>
            ) : (
              <Badge color="orange" variant="filled" data-unsaved>
                {t('bcp.plans.defaultUnsaved')}
              </Badge>
            )}
            {d.lifeCritical && (
              <Badge color="red" variant="light">
                {t('bcp.plans.lifeCritical')}
              </Badge>
            )}
            <Anchor component={Link} to={`/devices/${encodeURIComponent(p.deviceId)}`} size="sm">
              {t('bcp.plans.ledger')}
            </Anchor>
            <Anchor component={Link} to={impactLink({ kind: 'device', id: p.deviceId })} size="sm">
              {t('bcp.deps.impact')}
            </Anchor>
          </Group>
        </div>
        <CardsDownload devices={[p.deviceId]} compact />
      </Group>
      {!p.saved && (
        <Alert color="orange" icon={<IconInfoCircle size={18} />} title={t('bcp.plans.defaultUnsaved')}>
          {t('bcp.plans.defaultIntro')}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-plan-services">
        <Title order={3} size="h5" mb="xs" id="bcp-plan-services">
          {t('bcp.plans.servicesTitle', { count: p.services.length })}
        </Title>
        {p.services.length === 0 ? (
          <Text size="sm">{t('bcp.plans.noServices')}</Text>
        ) : (
          <Group gap="xs">
            {p.services.map((s) => (
              <Anchor key={s.id} component={Link} to={`/bcp/services/${encodeURIComponent(s.id)}`} size="sm">
                {s.name}
              </Anchor>
            ))}
          </Group>
        )}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-plan-steps">
        <Title order={3} size="h5" mb="sm" id="bcp-plan-steps">
          {t('bcp.plans.stepsTitle')}
        </Title>
        <Stack gap="sm">
          <Group grow align="start">
            <Textarea
              label={t('bcp.plans.isolationJa')}
              description={t('bcp.plans.isolationHint')}
              value={isolationJa}
              onChange={(e) => setIsolationJa(e.currentTarget.value)}
              autosize
              minRows={2}
              disabled={!editable}
            />
            <Textarea
              label={t('bcp.plans.isolationEn')}
              value={isolationEn}
              onChange={(e) => setIsolationEn(e.currentTarget.value)}
              autosize
              minRows={2}
              disabled={!editable}
            />
          </Group>
          <Group grow align="start">
            <Textarea
              label={t('bcp.plans.recoveryJa')}
              description={t('bcp.plans.oneLine')}
              value={recoveryJa}
              onChange={(e) => setRecoveryJa(e.currentTarget.value)}
              autosize
              minRows={3}
              disabled={!editable}
            />
            <Textarea
              label={t('bcp.plans.recoveryEn')}
              description={t('bcp.plans.oneLine')}
              value={recoveryEn}
              onChange={(e) => setRecoveryEn(e.currentTarget.value)}
              autosize
              minRows={3}
              disabled={!editable}
            />
          </Group>
          <Group grow align="start">
            <Textarea
              label={t('bcp.plans.validationJa')}
              description={t('bcp.plans.validationHint')}
              value={validationJa}
              onChange={(e) => setValidationJa(e.currentTarget.value)}
              autosize
              minRows={3}
              disabled={!editable}
            />
            <Textarea
              label={t('bcp.plans.validationEn')}
              description={t('bcp.plans.oneLine')}
              value={validationEn}
              onChange={(e) => setValidationEn(e.currentTarget.value)}
              autosize
              minRows={3}
              disabled={!editable}
            />
          </Group>
          <Group grow align="start">
            <TextInput
              label={t('bcp.plans.contact24h')}
              description={t('bcp.plans.contactHint')}
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              disabled={!editable}
            />
            <Textarea
              label={t('bcp.plans.backupNote')}
              description={t('bcp.plans.backupHint')}
              value={backupNote}
              onChange={(e) => setBackupNote(e.currentTarget.value)}
              autosize
              minRows={2}
              disabled={!editable}
            />
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="bcp-plan-deps">
        <Title order={3} size="h5" mb="xs" id="bcp-plan-deps">
          {t('bcp.plans.dependsOnTitle', { count: deps.length })}
        </Title>
        <Text size="sm" mb="sm">
          {t('bcp.plans.dependsOnIntro')}
        </Text>
        <DependencyTable
          deps={deps}
          onChange={setDeps}
          editable={editable}
          warnings={[]}
          emptyText={t('bcp.plans.noDependsOn')}
        />
        {editable && (
          <Paper withBorder p="sm" mt="sm" bg="gray.0">
            <NodePicker onPick={addDep} kinds={['device', 'segment', 'party']} submitLabel={t('bcp.deps.addButton')} />
          </Paper>
        )}
      </Paper>
      {editable && (
        <Group>
          <Button leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} onClick={() => save.mutate()}>
            {p.saved ? t('common.save') : t('bcp.plans.saveDefault')}
          </Button>
        </Group>
      )}
      {save.error && <ErrorAlert error={save.error} />}
      {justSaved && !save.error && (
        <Text size="sm" c="teal.7" role="status">
          {t('bcp.saved')}
        </Text>
      )}
      {p.updatedAt && (
        <Text size="xs" c="dimmed">
          {t('bcp.planMeta', { by: p.updatedBy ?? '—', when: formatDateTime(p.updatedAt, i18n.language) })}
        </Text>
      )}
    </Stack>
  )
}
