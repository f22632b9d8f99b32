import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RISK_FACTOR_GROUPS, RISK_FACTORS, type RiskFactorGroup } from '../../../../api/risk.js'
import { ApiError } from '../../api.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, inLanguage, PageHeader } from '../../components/common.js'
import { invalidateRisk, type RiskProfile, type RiskProfileInput, riskApi, riskKeys } from '../../data/risk.js'
import { useFactorLabel } from './parts.js'

/** Groups whose weights add up to the most a device can score (100); controls subtract instead. */
const SCORING_GROUPS = RISK_FACTOR_GROUPS.filter((g) => g !== 'compensatingControls')

/** Sum of the weights of some groups. */
export function weightSum(weights: Record<string, number>, groups: readonly RiskFactorGroup[]): number {
  return groups.reduce((s, g) => s + RISK_FACTORS[g].reduce((a, f) => a + (weights[f] ?? 0), 0), 0)
}

/**
 * The admin's weight profile editor: points per factor by group, with a live sum that must be 100 for the scoring
 * groups; band thresholds, isolated segments, stale days and a reason. Saving makes a new version that re-scores
 * every device; the server's problems (422) are listed in place and nothing changes. The history below lists every
 * version.
 */
export function RiskProfilePage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const profile = useQuery({ queryKey: riskKeys.profile(), queryFn: riskApi.profile, enabled: isAdmin(user) })
  if (!isAdmin(user)) return <Alert color="gray">{t('common.adminOnly')}</Alert>
  return (
    <Stack gap="md">
      <PageHeader title={t('riskUi.profile.title')} />
      <Text size="sm" c="dimmed">
        {t('riskUi.profile.intro')}
      </Text>
      {profile.error && <ErrorAlert error={profile.error} />}
      {!profile.data && !profile.error && <Skeleton h={300} />}
      {profile.data && <ProfileForm key={profile.data.version} profile={profile.data} />}
      <ProfileHistory />
    </Stack>
  )
}

function ProfileForm({ profile }: { profile: RiskProfile }) {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const label = useFactorLabel()
  const [form, setForm] = useState<RiskProfileInput>(() => ({
    name: profile.name,
    weights: { ...profile.weights },
    bands: { ...profile.bands },
    isolatedSegments: [...profile.isolatedSegments],
    staleAfterDays: profile.staleAfterDays,
    reason: '',
  }))
  const save = useMutation({
    mutationFn: (json: RiskProfileInput) => riskApi.saveProfile(json),
    onSuccess: () => void invalidateRisk(qc),
  })
  const total = weightSum(form.weights, SCORING_GROUPS)
  // The server's problems (422) beside the field they name: "weights.lifeCritical", "bands", "weights".
  const problems = save.error instanceof ApiError ? save.error.details : []
  const problemAt = (where: string) => {
    const found = problems.filter((d) => d.where === where)
    return found.length > 0 ? found.map((d) => inLanguage(i18n.language, d.message, d.messageJa)).join(' ') : undefined
  }
  const setWeight = (factor: string, value: number) =>
    setForm((f) => ({ ...f, weights: { ...f.weights, [factor]: value } }))

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            {t('riskUi.profile.weights')}
          </Title>
          <Badge
            size="lg"
            color={total === 100 ? 'teal' : 'red'}
            variant="light"
            data-weight-total={total}
            aria-live="polite"
          >
            {t('riskUi.profile.total', { total })}
          </Badge>
        </Group>
        {total !== 100 && (
          <Text size="sm" c="red.7" mb="xs">
            {t('riskUi.profile.mustBe100', { total })}
          </Text>
        )}
        {problemAt('weights') && (
          <Text size="sm" c="red.7" mb="xs" role="alert">
            {problemAt('weights')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="md">
          {RISK_FACTOR_GROUPS.map((g) => (
            <Paper key={g} withBorder p="sm" data-group={g}>
              <Group justify="space-between" mb={4}>
                <Text fw={600} size="sm">
                  {t(`riskUi.group.${g}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {g === 'compensatingControls'
                    ? t('riskUi.profile.controlsHint')
                    : t('riskUi.profile.groupSum', { sum: weightSum(form.weights, [g]) })}
                </Text>
              </Group>
              <Stack gap={4}>
                {RISK_FACTORS[g].map((f) => (
                  <NumberInput
                    key={f}
                    size="xs"
                    label={label(f)}
                    min={0}
                    max={g === 'compensatingControls' ? 50 : 100}
                    value={form.weights[f] ?? 0}
                    error={problemAt(`weights.${f}`)}
                    onChange={(v) => setWeight(f, typeof v === 'number' ? v : Number(v) || 0)}
                  />
                ))}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label={t('riskUi.profile.name')}
            value={form.name}
            onChange={(e) => {
              const name = e.currentTarget.value
              setForm((f) => ({ ...f, name }))
            }}
          />
          <NumberInput
            label={t('riskUi.profile.staleAfterDays')}
            min={1}
            max={3650}
            value={form.staleAfterDays}
            onChange={(v) => setForm((f) => ({ ...f, staleAfterDays: Number(v) || 0 }))}
          />
          <Group grow>
            {(['critical', 'high', 'medium'] as const).map((b) => (
              <NumberInput
                key={b}
                label={t('riskUi.profile.bandFrom', { band: t(`riskUi.band.${b}`) })}
                min={1}
                max={100}
                value={form.bands[b]}
                error={problemAt(`bands.${b}`) ?? (b === 'critical' ? problemAt('bands') : undefined)}
                onChange={(v) => setForm((f) => ({ ...f, bands: { ...f.bands, [b]: Number(v) || 0 } }))}
              />
            ))}
          </Group>
          <TagsInput
            label={t('riskUi.profile.isolatedSegments')}
            description={t('riskUi.profile.isolatedHint')}
            value={form.isolatedSegments}
            onChange={(v) => setForm((f) => ({ ...f, isolatedSegments: v }))}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label={t('riskUi.profile.reason')}
          value={form.reason ?? ''}
          onChange={(e) => {
            const reason = e.currentTarget.value
            setForm((f) => ({ ...f, reason }))
          }}
          autosize
          minRows={2}
        />
      </Paper>
      {save.error && <ErrorAlert error={save.error} title={t('riskUi.profile.refused')} />}
      {save.data && (
        <Alert color="teal" role="status">
          {t('riskUi.profile.saved', { version: save.data.version })}
        </Alert>
      )}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          loading={save.isPending}
          onClick={() => save.mutate({ ...form, reason: form.reason || undefined })}
        >
          {t('riskUi.profile.save')}
        </Button>
      </Group>
    </Stack>
  )
}

function ProfileHistory() {
  const { t, i18n } = useTranslation()
  const q = useQuery({ queryKey: riskKeys.profiles(), queryFn: riskApi.profiles })
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {t('riskUi.profile.history')}
      </Title>
      {q.error && <ErrorAlert error={q.error} />}
      {q.data && (
        <Table fz="sm" aria-label={t('riskUi.profile.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('riskUi.profile.version')}</Table.Th>
              <Table.Th>{t('riskUi.profile.name')}</Table.Th>
              <Table.Th>{t('riskUi.profile.createdAt')}</Table.Th>
              <Table.Th>{t('riskUi.profile.createdBy')}</Table.Th>
              <Table.Th>{t('riskUi.profile.bands')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.map((p) => (
              <Table.Tr key={p.version} data-version={p.version}>
                <Table.Td>
                  {p.version}{' '}
                  {p.active && (
                    <Badge size="xs" color="teal">
                      {t('riskUi.profile.active')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{formatDateTime(p.createdAt, i18n.language)}</Table.Td>
                <Table.Td>{p.createdBy ?? '—'}</Table.Td>
                <Table.Td>
                  {p.bands.critical} / {p.bands.high} / {p.bands.medium}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}
