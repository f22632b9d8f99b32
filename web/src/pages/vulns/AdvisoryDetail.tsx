import { Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router-dom'
import { ErrorAlert, formatDateTime, PageHeader } from '../../components/common.js'
import { vulnKeys, vulnsApi } from '../../data/vulns.js'
import { AffectedDevices } from './AffectedDevices.js'
import { CveFactsLine, HeadRow, KevBadge, Remediations, Section } from './parts.js'

/**
 * One advisory and "do we have this?": what it is (summary, CVEs with CVSS band, KEV, EPSS, the manufacturer's
 * remedies), then every device of ours it hits with where it is and why, and the devices ruled out and why.
 */
export function AdvisoryDetailPage() {
  const { id = '' } = useParams()
  const { t, i18n } = useTranslation()
  const ja = i18n.language.startsWith('ja')
  const detail = useQuery({ queryKey: vulnKeys.advisory(id), queryFn: () => vulnsApi.advisory(id) })

  if (detail.error) return <ErrorAlert error={detail.error} />
  if (!detail.data) return <Skeleton h={240} />
  const { advisory: a, summaryEn, summaryJa, vulnerabilities, products } = detail.data
  const summary = (ja && summaryJa) || summaryEn
  const ransomware = vulnerabilities.some((v) => v.facts?.kev?.ransomware)

  return (
    <Stack gap="md">
      <PageHeader title={`${a.id}: ${(ja && a.titleJa) || a.title}`} />
      <Group gap="md">
        <KevBadge kev={a.knownExploited} ransomware={ransomware} />
        <Text size="sm" c="dimmed">
          {[a.publisher, a.revision ? t('vulns.detail.revision', { revision: a.revision }) : null]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('vulns.detail.released', { when: formatDateTime(a.releasedAt, i18n.language) })}
        </Text>
        {a.url && (
          <Anchor href={a.url} target="_blank" rel="noreferrer" size="sm">
            {t('vulns.detail.original')}
          </Anchor>
        )}
      </Group>
      {a.knownExploited && (
        <Alert color="red" title={t('vulns.kev.alertTitle')}>
          {t(ransomware ? 'vulns.kev.alertRansomware' : 'vulns.kev.alert')}
        </Alert>
      )}
      {summary && (
        <Paper withBorder p="md">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {summary}
          </Text>
        </Paper>
      )}
      <AffectedDevices advisoryId={id} />
      <Section id="vulns-cves" title={t('vulns.detail.cves')}>
        <Table.ScrollContainer minWidth={760}>
          <Table fz="sm" aria-label={t('vulns.detail.cves')}>
            <HeadRow labels={[t('vulns.col.cve'), t('vulns.col.severity'), t('vulns.col.remediation')]} />
            <Table.Tbody>
              {vulnerabilities.map((v, i) => (
                <Table.Tr key={v.cve ?? i} data-cve={v.cve ?? ''}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {v.cve ?? t('vulns.detail.noCve')}
                    </Text>
                    <Text size="xs">{(ja && v.facts?.descriptionJa) || v.title || v.facts?.descriptionEn}</Text>
                    {v.cwe && (
                      <Text size="xs" c="dimmed">
                        {v.cwe}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <CveFactsLine facts={v.facts} />
                    {v.facts?.kev && (
                      <Text size="xs" mt={4}>
                        {t('vulns.kev.due', { date: v.facts.kev.dueDate ?? '—' })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Remediations items={v.remediations} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
      {products.length > 0 && (
        <Section id="vulns-products" title={t('vulns.detail.products')}>
          <Group gap="xs">
            {products.map((p) => (
              <Badge key={p.productId} variant="outline" color="gray" tt="none">
                {[p.vendor, p.name, p.versionRange ?? p.version].filter(Boolean).join(' ')}
              </Badge>
            ))}
          </Group>
        </Section>
      )}
    </Stack>
  )
}
