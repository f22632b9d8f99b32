import { Alert, Button, NumberInput, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { actionKeys, actionsApi, invalidateActions, type SlaPolicy } from '../../data/actions.js'

const SLA_KEYS = ['knownExploited', 'critical', 'high', 'medium', 'low', 'info'] as const

/** Days to fix per severity (KEV sooner); saving recomputes the due dates of open actions (admin). */
export function SlaSettingsPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const q = useQuery({ queryKey: actionKeys.sla(), queryFn: actionsApi.sla, enabled: isAdmin(user) })
  if (!isAdmin(user)) return <Alert color="gray">{t('common.adminOnly')}</Alert>
  return (
    <Stack gap="md">
      <PageHeader title={t('actionUi.sla.title')} />
      <Text size="sm" c="dimmed">
        {t('actionUi.sla.intro')}
      </Text>
      {q.error && <ErrorAlert error={q.error} />}
      {!q.data && !q.error && <Skeleton h={200} />}
      {q.data && <SlaForm initial={q.data} />}
    </Stack>
  )
}

function SlaForm({ initial }: { initial: SlaPolicy }) {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [sla, setSla] = useState<SlaPolicy>(initial)
  const save = useMutation({
    mutationFn: () => actionsApi.saveSla(sla),
    onSuccess: () => void invalidateActions(qc),
  })
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {SLA_KEYS.map((k) => (
          <NumberInput
            key={k}
            label={t(`actionUi.sla.${k}`)}
            suffix={t('actionUi.sla.days')}
            min={1}
            max={3650}
            value={sla[k]}
            onChange={(v) => setSla((s) => ({ ...s, [k]: Number(v) || 0 }))}
          />
        ))}
      </SimpleGrid>
      {save.error && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Text size="sm" c="teal.7" mt="sm" role="status">
          {t('actionUi.sla.saved')}
        </Text>
      )}
      <Button
        mt="md"
        leftSection={<IconDeviceFloppy size={16} />}
        loading={save.isPending}
        onClick={() => save.mutate()}
      >
        {t('common.save')}
      </Button>
    </Paper>
  )
}
