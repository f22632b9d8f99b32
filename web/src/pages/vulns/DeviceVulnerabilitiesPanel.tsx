import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import { type CpeCandidate, invalidateVulns, vulnKeys, vulnsApi } from '../../data/vulns.js'
import { ComponentsEditor } from './ComponentsEditor.js'
import {
  CveFactsLine,
  DecisionBadge,
  HeadRow,
  Reasons,
  Remediations,
  RuledOutWhy,
  Section,
  useBilingual,
  useShowMore,
} from './parts.js'

const RULED_OUT = new Set(['ruled-out-by-version', 'not-affected', 'false-positive'])

/**
 * On the device page: the advisories and CVEs that hit this device (status, KEV/CVSS/EPSS, what to do), those ruled
 * out and why, CPEs the ledger suggests for a person to confirm, and the device's own components.
 */
export function DeviceVulnerabilitiesPanel({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation()
  const { user } = useAuth()
  const q = useQuery({ queryKey: vulnKeys.forDevice(deviceId), queryFn: () => vulnsApi.forDevice(deviceId) })
  const items = q.data?.items ?? []
  const open = items.filter((m) => !RULED_OUT.has(m.effective))
  const out = items.filter((m) => RULED_OUT.has(m.effective))
  const { shown, more } = useShowMore(open)

  return (
    <Section
      id="device-vulns"
      title={t('vulns.device.title')}
      aside={
        q.data && (
          <Text size="sm" c={open.length > 0 ? 'red.7' : 'dimmed'}>
            {t('vulns.device.count', { count: open.length })}
          </Text>
        )
      }
    >
      <Stack gap="sm">
        {q.error && <ErrorAlert error={q.error} />}
        {q.data && open.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('vulns.device.none')}
          </Text>
        )}
        {open.length > 0 && (
          <Table.ScrollContainer minWidth={860} mah={520}>
            <Table fz="sm" aria-label={t('vulns.device.title')}>
              <HeadRow
                labels={[
                  t('vulns.col.advisory'),
                  t('vulns.col.decision'),
                  t('vulns.col.severity'),
                  t('vulns.col.remediation'),
                  t('vulns.col.why'),
                ]}
              />
              <Table.Tbody>
                {shown.map((m) => (
                  <Table.Tr key={m.id} data-match={m.id}>
                    <Table.Td>
                      {m.advisoryId ? (
                        <Anchor component={Link} to={`/advisories/${encodeURIComponent(m.advisoryId)}`} size="sm">
                          {m.advisoryId}
                        </Anchor>
                      ) : null}
                      <Text size="sm">{m.cve ?? '—'}</Text>
                      {m.advisoryTitle && (
                        <Text size="xs" c="dimmed">
                          {m.advisoryTitle}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <DecisionBadge effective={m.effective} />
                    </Table.Td>
                    <Table.Td>
                      <CveFactsLine facts={m.facts} />
                    </Table.Td>
                    <Table.Td>
                      <Remediations items={m.remediations} />
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Reasons reasons={m.reasons} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {more}
          </Table.ScrollContainer>
        )}
        {out.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('vulns.ruledOut.title')}
            </Text>
            {out.map((m) => (
              <Group key={m.id} gap="sm" align="flex-start" wrap="nowrap" data-ruled-out={m.id}>
                <Text size="sm" w={160}>
                  {m.cve ?? m.advisoryId ?? '—'}
                </Text>
                <DecisionBadge effective={m.effective} />
                <RuledOutWhy match={m} />
              </Group>
            ))}
          </Stack>
        )}
        <CpeCandidates deviceId={deviceId} editable={canEdit(user)} />
        <ComponentsEditor owner={{ deviceId }} editable={canEdit(user)} />
      </Stack>
    </Section>
  )
}

/** CPEs the ledger suggests (OS, firmware, model) with a confidence and why; a person confirms each one. */
function CpeCandidates({ deviceId, editable }: { deviceId: string; editable: boolean }) {
  const { t } = useTranslation()
  const pick = useBilingual()
  const qc = useQueryClient()
  const q = useQuery({ queryKey: vulnKeys.cpeCandidates(deviceId), queryFn: () => vulnsApi.cpeCandidates(deviceId) })
  const confirm = useMutation({
    mutationFn: (c: CpeCandidate) =>
      vulnsApi.createComponent({
        deviceId,
        kind: c.kind,
        name: c.name,
        version: c.version,
        cpe: c.cpe,
        source: 'derived',
      }),
    onSuccess: () => void invalidateVulns(qc),
  })
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data || q.data.length === 0) return null
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('vulns.cpe.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('vulns.cpe.intro')}
      </Text>
      {confirm.error && <ErrorAlert error={confirm.error} />}
      {q.data.map((c) => (
        <Group key={c.cpe} gap="sm" wrap="nowrap" data-cpe={c.cpe}>
          <Stack gap={0} style={{ flex: 1 }}>
            <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {c.cpe}
            </Text>
            <Text size="xs" c="dimmed">
              {c.reasons.map(pick).join(' / ')}
            </Text>
          </Stack>
          <Badge variant="light" color={c.confidence >= 0.8 ? 'teal' : 'orange'}>
            {t('vulns.cpe.confidence', { percent: Math.round(c.confidence * 100) })}
          </Badge>
          {editable && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconCheck size={14} />}
              loading={confirm.isPending && confirm.variables?.cpe === c.cpe}
              onClick={() => confirm.mutate(c)}
            >
              {t('vulns.cpe.confirm')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  )
}
