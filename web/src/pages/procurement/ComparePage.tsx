import { Alert, Anchor, Badge, Breadcrumbs, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { type BidComparison, procurementApi, procurementKeys } from '../../data/procurement.js'
import { useJa } from '../risk/parts.js'
import { AnswerBadge, DownloadButton, GapBadges } from './parts.js'

type CBid = BidComparison['bids'][number]

/**
 * 機種の比較: 2–10 bids side by side — score, mandatory gaps, what their disclosures say (MDS2, MDS/SDS, SBOM, declared
 * ports with the cleartext ones marked, support end, disclosure findings, known and known-exploited vulnerabilities),
 * then each requirement with each bid's answer in colour. The comparison downloads as .xlsx or PDF.
 */
export function ProcurementComparePage() {
  const { t } = useTranslation()
  const ja = useJa()
  const [params] = useSearchParams()
  const ids = (params.get('bids') ?? '').split(',').filter(Boolean)
  const valid = ids.length >= 2 && ids.length <= 10
  const q = useQuery({
    queryKey: procurementKeys.compare(ids),
    queryFn: () => procurementApi.compare(ids),
    enabled: valid,
  })
  const yesNo = (v: boolean) => (
    <Badge color={v ? 'teal' : 'red'} variant="light">
      {v ? t('procurement.cmp.present') : t('procurement.cmp.missing')}
    </Badge>
  )
  const row = (label: string, key: string, cell: (b: CBid) => ReactNode) => (
    <Table.Tr key={key} data-row={key}>
      <Table.Th scope="row">{label}</Table.Th>
      {q.data?.bids.map((b) => (
        <Table.Td key={b.id}>{cell(b)}</Table.Td>
      ))}
    </Table.Tr>
  )
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/procurement" size="sm">
          {t('procurement.title')}
        </Anchor>
        <Text size="sm">{t('procurement.compareTitle')}</Text>
      </Breadcrumbs>
      <PageHeader title={t('procurement.compareTitle')}>
        {valid && (
          <>
            <DownloadButton
              path={procurementApi.compareExportPath(ids, ja ? 'ja' : 'en', 'xlsx')}
              fallback="procurement-comparison.xlsx"
              label={t('procurement.download.compareXlsx')}
            />
            <DownloadButton
              path={procurementApi.compareExportPath(ids, ja ? 'ja' : 'en', 'pdf')}
              fallback="procurement-comparison.pdf"
              label={t('procurement.download.comparePdf')}
            />
          </>
        )}
      </PageHeader>
      {!valid && (
        <Alert color="yellow" role="alert">
          {t('procurement.compareNeeds')}
        </Alert>
      )}
      {q.error && <ErrorAlert error={q.error} />}
      {valid && !q.data && !q.error && <Skeleton h={300} />}
      {q.data && (
        <>
          <Text size="sm" c="dimmed">
            {q.data.requirementSet.name} ({q.data.requirementSet.version})
          </Text>
          <Table.ScrollContainer minWidth={300 + q.data.bids.length * 200}>
            <Table withTableBorder withColumnBorders aria-label={t('procurement.compareTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={260}>{t('procurement.cmp.item')}</Table.Th>
                  {q.data.bids.map((b) => (
                    <Table.Th key={b.id} data-bid={b.id}>
                      {b.vendor}
                      <Text size="xs" c="dimmed">
                        {b.manufacturer} {b.model}
                      </Text>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {row(t('procurement.col.score'), 'score', (b) => (
                  <Text fw={700} data-score={b.score.percent}>
                    {b.score.percent}%
                  </Text>
                ))}
                {row(t('procurement.col.gaps'), 'gaps', (b) => (
                  <GapBadges gaps={b.score.mandatoryGaps} />
                ))}
                <Table.Tr>
                  <Table.Td colSpan={q.data.bids.length + 1} bg="gray.1">
                    <Title order={3} size="h6">
                      {t('procurement.cmp.disclosures')}
                    </Title>
                  </Table.Td>
                </Table.Tr>
                {row('MDS2', 'mds2', (b) => yesNo(b.disclosure.hasMds2))}
                {row('MDS/SDS', 'mdssds', (b) => yesNo(b.disclosure.hasMdsSds))}
                {row('SBOM', 'sbom', (b) => yesNo(b.disclosure.hasSbom))}
                {row(t('procurement.cmp.ports'), 'ports', (b) =>
                  b.disclosure.declaredPorts.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('procurement.cmp.none')}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {b.disclosure.declaredPorts.map((p) => {
                        const clear = b.disclosure.cleartextPorts.includes(p)
                        return (
                          <Badge
                            key={p}
                            color={clear ? 'orange' : 'gray'}
                            variant={clear ? 'filled' : 'light'}
                            title={clear ? t('procurement.cmp.cleartext') : undefined}
                            data-cleartext={clear || undefined}
                          >
                            {p}
                            {clear ? ` ${t('procurement.cmp.cleartextShort')}` : ''}
                          </Badge>
                        )
                      })}
                    </Group>
                  ),
                )}
                {row(t('procurement.cmp.supportEnd'), 'supportEnd', (b) => b.disclosure.supportEnd ?? '—')}
                {row(t('procurement.cmp.findings'), 'findings', (b) =>
                  b.disclosure.disclosureFindings.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('procurement.cmp.none')}
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {b.disclosure.disclosureFindings.map((f) => (
                        <Text key={f.titleEn} size="xs">
                          [{f.severity}] {ja ? f.titleJa : f.titleEn}
                        </Text>
                      ))}
                    </Stack>
                  ),
                )}
                {row(t('procurement.cmp.vulns'), 'vulns', (b) => (
                  <Group gap={4}>
                    <Text size="sm">{b.disclosure.knownVulnerabilities}</Text>
                    {b.disclosure.knownExploited > 0 && <Badge color="red">KEV {b.disclosure.knownExploited}</Badge>}
                  </Group>
                ))}
                <Table.Tr>
                  <Table.Td colSpan={q.data.bids.length + 1} bg="gray.1">
                    <Title order={3} size="h6">
                      {t('procurement.cmp.answers')}
                    </Title>
                  </Table.Td>
                </Table.Tr>
                {q.data.rows.map((r) => (
                  <Table.Tr key={r.item.id} data-requirement={r.item.id}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm">
                        <b>{r.item.id}</b> {ja ? r.item.textJa : r.item.textEn}
                      </Text>
                      {r.item.mandatory && (
                        <Badge size="xs" color="red" variant="light">
                          {t('procurement.mandatory')}
                        </Badge>
                      )}
                    </Table.Th>
                    {r.answers.map((a, i) => (
                      <Table.Td key={q.data.bids[i]?.id ?? i}>
                        <AnswerBadge answer={a} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  )
}
