import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { useTrafficMap } from '../data/capture.js'
import { ErrorAlert, formatDateTime } from './common.js'

/** この機器と通信している相手: the peers heard in captures, their protocols and when last heard. */
export function DeviceTraffic({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const q = useTrafficMap({ device: deviceId })
  const peers = new Map<string, { label: string; protocols: Set<string>; lastSeen: string; external: boolean }>()
  if (q.data) {
    const nodes = new Map(q.data.nodes.map((n) => [n.address, n]))
    for (const e of q.data.edges) {
      const mine = e.clientDeviceId === deviceId
      const peer = mine ? e.server : e.serverDeviceId === deviceId ? e.client : e.server
      const node = nodes.get(peer)
      const p = peers.get(peer) ?? {
        label: node?.label ?? peer,
        protocols: new Set<string>(),
        lastSeen: e.lastSeen,
        external: node?.external ?? false,
      }
      p.protocols.add(`${e.protocol ?? e.transport}/${e.serverPort}`)
      if (e.lastSeen > p.lastSeen) p.lastSeen = e.lastSeen
      peers.set(peer, p)
    }
  }
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('capture.deviceTitle')}</Title>
          <Anchor component={Link} to={`/discovery/traffic?device=${encodeURIComponent(deviceId)}`}>
            {t('capture.deviceMapLink')}
          </Anchor>
        </Group>
        {q.error && <ErrorAlert error={q.error} />}
        {q.data && peers.size === 0 && <Text c="dimmed">{t('capture.deviceEmpty')}</Text>}
        {peers.size > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('capture.peer')}</Table.Th>
                <Table.Th scope="col">{t('capture.protocols')}</Table.Th>
                <Table.Th scope="col">{t('capture.lastSeen')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...peers.entries()].map(([address, p]) => (
                <Table.Tr key={address} data-testid="device-peer">
                  <Table.Td>
                    {p.label}
                    {p.label !== address && ` (${address})`}{' '}
                    {p.external && <Badge color="orange">{t('capture.external')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {[...p.protocols].map((x) => (
                        <Badge key={x} variant="light">
                          {x}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDateTime(p.lastSeen, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  )
}
