import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DEVICE_CATEGORIES } from '../../../../api/device.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import {
  invalidateLifecycle,
  lifecycleApi,
  lifecycleKeys,
  type ReminderSettings,
  type RescanCadence,
} from '../../data/lifecycle.js'

/** Reminder lead days and kinds, and the re-scan cadence per device category: everyone sees them, admins change them. */
export function SettingsSection() {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Reminders />
      <Cadence />
    </SimpleGrid>
  )
}

const REMINDER_KINDS = ['support_end', 'service_life_end'] as const

function Reminders() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const admin = isAdmin(user)
  const qc = useQueryClient()
  const q = useQuery({ queryKey: lifecycleKeys.reminders(), queryFn: lifecycleApi.reminders })
  const [form, setForm] = useState<ReminderSettings | null>(null)
  useEffect(() => {
    if (q.data) setForm(q.data)
  }, [q.data])
  const save = useMutation({
    mutationFn: (s: ReminderSettings) => lifecycleApi.saveReminders(s),
    onSuccess: (s) => {
      qc.setQueryData(lifecycleKeys.reminders(), s)
      void invalidateLifecycle(qc)
    },
  })
  const run = useMutation({ mutationFn: lifecycleApi.runReminders })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lc-reminders">
      <Title order={3} size="h5" id="lc-reminders" mb="xs">
        {t('lifecycle.reminders')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('lifecycle.remindersIntro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {!form && !q.error && <Skeleton h={100} />}
      {form && (
        <Stack gap="xs">
          <Switch
            label={t('lifecycle.remindersEnabled')}
            checked={form.enabled}
            disabled={!admin}
            onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
          />
          <TagsInput
            label={t('lifecycle.leadDays')}
            description={t('lifecycle.leadDaysHint')}
            readOnly={!admin}
            value={form.leadDays.map(String)}
            onChange={(v) =>
              setForm({
                ...form,
                leadDays: [
                  ...new Set(v.map((s) => Number.parseInt(s, 10)).filter((n) => Number.isInteger(n) && n > 0)),
                ].sort((a, b) => b - a),
              })
            }
          />
          <Group gap="md">
            {REMINDER_KINDS.map((k) => (
              <Checkbox
                key={k}
                label={t(`lifecycle.kind.${k}`)}
                disabled={!admin}
                checked={form.kinds.includes(k)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    kinds: e.currentTarget.checked ? [...form.kinds, k] : form.kinds.filter((x) => x !== k),
                  })
                }
              />
            ))}
          </Group>
          {admin && (
            <Group gap="xs">
              <Button size="sm" loading={save.isPending} onClick={() => save.mutate(form)}>
                {t('common.save')}
              </Button>
              <Button size="sm" variant="default" loading={run.isPending} onClick={() => run.mutate()}>
                {t('lifecycle.runReminders')}
              </Button>
            </Group>
          )}
          {save.error && <ErrorAlert error={save.error} />}
          {save.isSuccess && (
            <Text size="sm" c="teal.7" role="status">
              {t('lifecycle.saved')}
            </Text>
          )}
          {run.error && <ErrorAlert error={run.error} />}
          {run.data && (
            <Alert color="teal" role="status">
              {t('lifecycle.remindersSent', { count: run.data.sent })}
            </Alert>
          )}
        </Stack>
      )}
    </Paper>
  )
}

function Cadence() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const admin = isAdmin(user)
  const qc = useQueryClient()
  const q = useQuery({ queryKey: lifecycleKeys.cadence(), queryFn: lifecycleApi.cadence })
  const [form, setForm] = useState<RescanCadence | null>(null)
  useEffect(() => {
    if (q.data) setForm(q.data)
  }, [q.data])
  const save = useMutation({
    mutationFn: (c: RescanCadence) => lifecycleApi.saveCadence(c),
    onSuccess: (c) => {
      qc.setQueryData(lifecycleKeys.cadence(), c)
      void invalidateLifecycle(qc)
    },
  })
  const setCat = (cat: string, v: number | string) => {
    if (!form) return
    const byCategory = { ...form.byCategory }
    const n = typeof v === 'number' ? v : Number.parseInt(v, 10)
    if (Number.isInteger(n) && n > 0) byCategory[cat] = n
    else delete byCategory[cat]
    setForm({ ...form, byCategory })
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lc-cadence">
      <Title order={3} size="h5" id="lc-cadence" mb="xs">
        {t('lifecycle.cadence')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('lifecycle.cadenceIntro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {!form && !q.error && <Skeleton h={100} />}
      {form && (
        <Stack gap="xs">
          <NumberInput
            label={t('lifecycle.defaultDays')}
            min={1}
            max={3650}
            readOnly={!admin}
            value={form.defaultDays}
            onChange={(v) => setForm({ ...form, defaultDays: typeof v === 'number' ? v : Number(v) || 1 })}
            w={200}
          />
          <Table withTableBorder aria-label={t('lifecycle.cadence')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.category')}</Table.Th>
                <Table.Th w={160}>{t('lifecycle.cadenceDays')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {DEVICE_CATEGORIES.map((c) => (
                <Table.Tr key={c} data-category={c}>
                  <Table.Td>{t(`enums.category.${c}`)}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      min={1}
                      max={3650}
                      aria-label={t('lifecycle.cadenceOf', { category: t(`enums.category.${c}`) })}
                      placeholder={t('lifecycle.useDefault', { days: form.defaultDays })}
                      readOnly={!admin}
                      value={form.byCategory[c] ?? ''}
                      onChange={(v) => setCat(c, v)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {admin && (
            <Group>
              <Button size="sm" loading={save.isPending} onClick={() => save.mutate(form)}>
                {t('common.save')}
              </Button>
            </Group>
          )}
          {save.error && <ErrorAlert error={save.error} />}
          {save.isSuccess && (
            <Text size="sm" c="teal.7" role="status">
              {t('lifecycle.saved')}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  )
}
