import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import { ErrorAlert, formatDateTime, formatNumber, PageHeader } from '../../components/common.js'
import { type GraphEdge, type GraphNode, LayeredGraph } from '../../components/graph/LayeredGraph.js'
import { captureApi, useTrafficMap } from '../../data/capture.js'

/** 通信マップ: who talks to whom (filter by device or segment), as a picture and a table, with downloads. */
export function TrafficMapPage() {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const [params, setParams] = useSearchParams()
  const device = params.get('device') ?? ''
  const segment = params.get('segment') ?? ''
  const [deviceInput, setDeviceInput] = useState(device)
  const [segmentInput, setSegmentInput] = useState(segment)
  const filter = { device, segment }
  const q = useTrafficMap(filter)
  const apply = () => {
    const next = new URLSearchParams()
    if (deviceInput.trim()) next.set('device', deviceInput.trim())
    if (segmentInput.trim()) next.set('segment', segmentInput.trim())
    setParams(next)
  }
  const nodes: GraphNode[] = (q.data?.nodes ?? []).map((n) => ({
    id: n.address,
    label: n.label,
    sub: [n.category, n.segment, n.label !== n.address ? n.address : null].filter(Boolean).join(' · ') || undefined,
    fill: n.external ? '#fff4e6' : n.deviceId ? '#e7f5ff' : '#f8f9fa',
    stroke: n.external ? '#e8590c' : n.deviceId ? '#1c7ed6' : '#868e96',
    text: '#212529',
    href: n.deviceId ? `/devices/${encodeURIComponent(n.deviceId)}` : undefined,
    state: n.external ? 'external' : n.deviceId ? 'ledger' : 'unknown',
  }))
  const edges: GraphEdge[] = (q.data?.edges ?? []).map((e) => ({ from: e.client, to: e.server }))
  const labelOf = new Map((q.data?.nodes ?? []).map((n) => [n.address, n.label]))
  return (
    <Stack>
      <PageHeader title={t('capture.mapTitle')} />
      <Text>{t('capture.mapIntro')}</Text>
      <Group align="end">
        <TextInput
          label={t('capture.filterDevice')}
          value={deviceInput}
          onChange={(e) => setDeviceInput(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
        />
        <TextInput
          label={t('capture.filterSegment')}
          value={segmentInput}
          onChange={(e) => setSegmentInput(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
        />
        <Button onClick={apply}>{t('capture.applyFilter')}</Button>
        <Anchor href={captureApi.downloadUrl(filter, 'csv')} download>
          {t('capture.downloadCsv')}
        </Anchor>
        <Anchor href={captureApi.downloadUrl(filter, 'graphml')} download>
          {t('capture.downloadGraphml')}
        </Anchor>
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {q.isLoading && <Loader />}
      {q.data?.truncated && (
        <Alert color="yellow">{t('capture.truncated', { shown: q.data.edges.length, total: q.data.totalEdges })}</Alert>
      )}
      {q.data && q.data.edges.length === 0 && <Alert>{t('capture.mapEmpty')}</Alert>}
      {q.data && q.data.edges.length > 0 && (
        <>
          <LayeredGraph nodes={nodes} edges={edges} label={t('capture.mapTitle')} />
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('capture.client')}</Table.Th>
                <Table.Th scope="col">{t('capture.server')}</Table.Th>
                <Table.Th scope="col">{t('capture.protocolPort')}</Table.Th>
                <Table.Th scope="col">{t('capture.bytes')}</Table.Th>
                <Table.Th scope="col">{t('capture.col.packets')}</Table.Th>
                <Table.Th scope="col">{t('capture.firstSeen')}</Table.Th>
                <Table.Th scope="col">{t('capture.lastSeen')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.edges.map((e) => (
                <Table.Tr key={`${e.client}|${e.server}|${e.transport}|${e.serverPort}`} data-testid="traffic-edge">
                  <Table.Td>{labelOf.get(e.client) ?? e.client}</Table.Td>
                  <Table.Td>{labelOf.get(e.server) ?? e.server}</Table.Td>
                  <Table.Td>
                    {e.protocol ?? '—'} ({e.transport}/{e.serverPort})
                  </Table.Td>
                  <Table.Td>{formatNumber(e.bytes, lang)}</Table.Td>
                  <Table.Td>{formatNumber(e.packets, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(e.firstSeen, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(e.lastSeen, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  )
}
