import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { AddressListPanel } from '../../components/AddressListPanel.js'
import { ErrorAlert } from '../../components/common.js'
import { scanKeys, scansApi } from '../../data/scans.js'

/** Drift since the previous scan of the same targets: new/vanished hosts, opened/closed ports, changed fingerprints. */
export function DriftPanel({ scanId }: { scanId: string }) {
  const { t } = useTranslation()
  const drift = useQuery({
    queryKey: scanKeys.drift(scanId),
    queryFn: () => scansApi.drift(scanId),
  })
  const d = drift.data
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {t('drift.title')}
      </Title>
      {drift.error && <ErrorAlert error={drift.error} />}
      {d && !d.previousScanId && (
        <Text size="sm" c="dimmed">
          {t('drift.noPrevious')}
        </Text>
      )}
      {d?.previousScanId && (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <AddressListPanel title={t('drift.newHosts')} items={d.newHosts} color="orange" />
            <AddressListPanel title={t('drift.vanishedHosts')} items={d.vanishedHosts} color="gray" />
            <AddressListPanel
              title={t('drift.openedPorts')}
              items={d.openedPorts.map((p) => `${p.address} ${p.port}/${p.transport}`)}
              color="red"
            />
            <AddressListPanel
              title={t('drift.closedPorts')}
              items={d.closedPorts.map((p) => `${p.address} ${p.port}/${p.transport}`)}
              color="teal"
            />
          </SimpleGrid>
          {d.changedFingerprints.length > 0 && (
            <Table fz="xs" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('findings.target')}</Table.Th>
                  <Table.Th>{t('audit.field')}</Table.Th>
                  <Table.Th>{t('audit.before')}</Table.Th>
                  <Table.Th>{t('audit.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.changedFingerprints.map((c) => (
                  <Table.Tr key={`${c.address}-${c.port}-${c.field}`}>
                    <Table.Td className="mono">
                      {c.address}
                      {c.port !== null ? `:${c.port}` : ''}
                    </Table.Td>
                    <Table.Td>{c.field}</Table.Td>
                    <Table.Td className="diff-old mono">{c.before ?? '—'}</Table.Td>
                    <Table.Td className="diff-new mono">{c.after ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {d.partialHosts.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('drift.partial', { hosts: d.partialHosts.join(', ') })}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  )
}
