import { Alert, Anchor, Badge, Button, Paper, Stack, Table, Tabs, Text } from '@mantine/core'
import { IconInfoCircle, IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { invalidateAfterReconcile, reconciliationApi, reconciliationKeys } from '../../data/reconciliation.js'

/** Latest scan against the ledger: hosts nobody registered (add them in one step), devices not seen, matches. */
export function ReconciliationPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const [added, setAdded] = useState<Record<string, string>>({})
  const rec = useQuery({ queryKey: reconciliationKeys.all, queryFn: reconciliationApi.get })
  const add = useMutation({
    mutationFn: (hostId: string) => reconciliationApi.add(hostId).then((d) => ({ hostId, id: d.id })),
    onSuccess: ({ hostId, id }) => {
      setAdded((a) => ({ ...a, [hostId]: id }))
      void invalidateAfterReconcile(qc)
    },
  })
  const r = rec.data

  return (
    <Stack gap="md">
      <PageHeader title={t('reconciliation.title')} />
      {rec.error && <ErrorAlert error={rec.error} />}
      {add.error && <ErrorAlert error={add.error} />}
      {r && !r.scanId && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title={t('discoveryGuide.noScanTitle')} role="status">
          <Text size="sm">{t('discoveryGuide.noScanBody')}</Text>
          <Button component={Link} to="/discovery/scans" size="xs" variant="light" mt="sm">
            {t('scans.start')}
          </Button>
        </Alert>
      )}
      {r?.scanId && r.scanFinishedAt && (
        <Text size="sm" c="dimmed">
          {t('discoveryGuide.basedOn', { at: formatDateTime(r.scanFinishedAt, i18n.language) })}
        </Text>
      )}
      {r?.scanId && (
        <Tabs defaultValue="unknown" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="unknown">
              {t('reconciliation.unknown')}{' '}
              <Badge size="xs" ml={4} color="orange">
                {r.unknownHosts.length}
              </Badge>
            </Tabs.Tab>
            <Tabs.Tab value="missing">
              {t('reconciliation.missing')}{' '}
              <Badge size="xs" ml={4} color="gray">
                {r.missingDevices.length}
              </Badge>
            </Tabs.Tab>
            <Tabs.Tab value="matched">
              {t('reconciliation.matched')}{' '}
              <Badge size="xs" ml={4} color="teal">
                {r.matched.length}
              </Badge>
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="unknown" pt="sm">
            <Paper withBorder>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.ipAddresses')}</Table.Th>
                    <Table.Th>{t('fields.macAddresses')}</Table.Th>
                    <Table.Th>{t('fields.hostname')}</Table.Th>
                    <Table.Th>{t('scans.vendor')}</Table.Th>
                    <Table.Th>{t('scans.openPorts')}</Table.Th>
                    <Table.Th w={170} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.unknownHosts.map((h) => (
                    <Table.Tr key={h.id}>
                      <Table.Td className="mono">{h.address}</Table.Td>
                      <Table.Td className="mono">{h.mac ?? '—'}</Table.Td>
                      <Table.Td>{h.hostname ?? '—'}</Table.Td>
                      <Table.Td>
                        {[h.identification?.manufacturer, h.identification?.model].filter(Boolean).join(' ') || '—'}
                      </Table.Td>
                      <Table.Td className="mono">
                        {h.services
                          .filter((s) => s.state === 'open')
                          .map((s) => s.port)
                          .join(', ')}
                      </Table.Td>
                      <Table.Td>
                        {added[h.id] ? (
                          <Anchor component={Link} to={`/devices/${added[h.id]}`} size="sm">
                            {t('reconciliation.added')}
                          </Anchor>
                        ) : (
                          canEdit(user) && (
                            <Button
                              size="compact-xs"
                              leftSection={<IconPlus size={12} />}
                              loading={add.isPending && add.variables === h.id}
                              onClick={() => add.mutate(h.id)}
                              aria-label={t('reconciliation.addNamed', { address: h.address })}
                            >
                              {t('reconciliation.add')}
                            </Button>
                          )
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {r.unknownHosts.length === 0 && (
                <Text ta="center" c="dimmed" p="lg">
                  {t('reconciliation.noneUnknown')}
                </Text>
              )}
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="missing" pt="sm">
            <Paper withBorder>
              <Text size="sm" c="dimmed" p="sm">
                {t('reconciliation.missingHint')}
              </Text>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.assetTag')}</Table.Th>
                    <Table.Th>{t('fields.department')}</Table.Th>
                    <Table.Th>{t('fields.ipAddresses')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.missingDevices.map((d) => (
                    <Table.Tr key={d.deviceId}>
                      <Table.Td>
                        <Link to={`/devices/${d.deviceId}`}>{d.assetTag ?? t('devices.noTag')}</Link>
                      </Table.Td>
                      <Table.Td>{d.department ?? '—'}</Table.Td>
                      <Table.Td className="mono">{d.ipAddresses.join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="matched" pt="sm">
            <Paper withBorder>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.ipAddresses')}</Table.Th>
                    <Table.Th>{t('fields.assetTag')}</Table.Th>
                    <Table.Th>{t('reconciliation.matchedBy')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.matched.map((m) => (
                    <Table.Tr key={m.hostId}>
                      <Table.Td className="mono">{m.address}</Table.Td>
                      <Table.Td>
                        <Link to={`/devices/${m.deviceId}`}>{m.assetTag ?? t('devices.noTag')}</Link>
                      </Table.Td>
                      <Table.Td>
                        {m.matchedBy ? t(`fields.${m.matchedBy}`, { defaultValue: m.matchedBy }) : '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  )
}
