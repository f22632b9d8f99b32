import { Anchor, Badge, Group, Loader, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../../components/common.js'
import { useCapture } from '../../data/capture.js'

/** One capture import: summary, problems (located), the hosts heard, links to its findings and the map. */
export function CaptureDetailPage() {
  const { id = '' } = useParams()
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const q = useCapture(id)
  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Loader />
  const c = q.data
  const item = (label: string, value: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  )
  return (
    <Stack>
      <PageHeader title={`${t('capture.detailTitle')}: ${c.label}`} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {item(t('capture.format'), `${c.format ?? '—'}${c.gzip ? ' (gzip)' : ''}`)}
        {item(t('capture.size'), `${formatNumber(c.fileBytes, lang)} B`)}
        {item(t('capture.col.status'), t(`capture.status.${c.status}`))}
        {item(t('capture.col.packets'), formatNumber(c.packets, lang))}
        {item(t('capture.timeRange'), `${formatDateTime(c.firstSeen, lang)} – ${formatDateTime(c.lastSeen, lang)}`)}
        {item(t('capture.linkTypes'), c.linkTypes.join(', ') || '—')}
        {item(t('capture.col.hosts'), formatNumber(c.hosts, lang))}
        {item(t('capture.col.findings'), formatNumber(c.findings, lang))}
      </SimpleGrid>
      <Group>
        {c.scanId && (
          <Anchor component={Link} to={`/discovery/scans/${encodeURIComponent(c.scanId)}`}>
            {t('capture.findingsLink')}
          </Anchor>
        )}
        <Anchor component={Link} to="/discovery/traffic">
          {t('capture.mapTitle')}
        </Anchor>
      </Group>
      {c.error && <Text c="red">{c.error}</Text>}
      <Title order={3}>{t('capture.problems')}</Title>
      {c.problems.length === 0 ? (
        <Text c="dimmed">{t('capture.noProblems')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('capture.problemMessage')}</Table.Th>
              <Table.Th scope="col">{t('capture.offset')}</Table.Th>
              <Table.Th scope="col">{t('capture.packet')}</Table.Th>
              <Table.Th scope="col">{t('capture.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.problems.map((p) => (
              <Table.Tr key={`${p.code}-${p.offset}-${p.packet}-${p.detail}`}>
                <Table.Td>{lang.startsWith('ja') ? p.messageJa : p.messageEn}</Table.Td>
                <Table.Td>{formatNumber(p.offset, lang)}</Table.Td>
                <Table.Td>{p.packet ?? '—'}</Table.Td>
                <Table.Td>{p.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3}>{t('capture.hostsTitle')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('capture.address')}</Table.Th>
            <Table.Th scope="col">{t('capture.mac')}</Table.Th>
            <Table.Th scope="col">{t('capture.names')}</Table.Th>
            <Table.Th scope="col">{t('capture.protocols')}</Table.Th>
            <Table.Th scope="col">{t('capture.identification')}</Table.Th>
            <Table.Th scope="col">{t('capture.ledger')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.hostList.map((h) => (
            <Table.Tr key={h.address} data-testid="capture-host">
              <Table.Td>
                {h.address} {h.external && <Badge color="orange">{t('capture.external')}</Badge>}
              </Table.Td>
              <Table.Td>
                {h.mac ?? '—'}
                {h.vendor && <Text size="xs">{h.vendor}</Text>}
              </Table.Td>
              <Table.Td>{h.names.map((n) => n.name).join(', ') || '—'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {h.protocols.map((p) => (
                    <Badge key={p} variant="light">
                      {p}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {h.identification ? (
                  <Tooltip
                    multiline
                    w={320}
                    label={h.identification.evidence.map((e) => `${e.source}: ${e.value}`).join(' / ')}
                  >
                    <Text size="sm" tabIndex={0}>
                      {[h.identification.manufacturer, h.identification.model, h.identification.category]
                        .filter(Boolean)
                        .join(' ') || '—'}{' '}
                      ({Math.round(h.identification.confidence * 100)}%)
                    </Text>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>
                {h.deviceId ? (
                  <Anchor component={Link} to={`/devices/${encodeURIComponent(h.deviceId)}`}>
                    {h.assetTag ?? h.deviceId}
                  </Anchor>
                ) : (
                  <Group gap={4}>
                    <Text size="sm">{t('capture.notInLedger')}</Text>
                    {c.scanId && (
                      <Anchor size="sm" component={Link} to={`/discovery/scans/${encodeURIComponent(c.scanId)}`}>
                        {t('capture.reconcile')}
                      </Anchor>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}
