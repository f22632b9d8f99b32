import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { DisclosedVsObserved as Comparison } from '../../../../api/disclosure.js'
import { ErrorAlert, formatDateTime } from '../../components/common.js'
import { disclosureKeys, disclosuresApi } from '../../data/disclosures.js'
import { ModelLink, modelPath } from '../disclosures/parts.js'

type Row = Comparison['rows'][number]

const STATUS_COLOR: Record<Row['status'], string> = {
  'declared-seen': 'teal',
  'undeclared-open': 'red',
  'declared-unseen': 'gray',
  'cleartext-where-tls': 'orange',
}

/** What comes next when there is nothing to compare yet: a sentence and a link. */
function NextStep({ text, to, link }: { text: string; to: string; link: string }) {
  return (
    <Alert color="gray" variant="light">
      <Text size="sm">
        {text}{' '}
        <Anchor component={Link} to={to} size="sm">
          {link}
        </Anchor>
      </Text>
    </Alert>
  )
}

function declaredText(row: Row, yes: string, no: string): ReactNode {
  const d = row.declared
  if (!d) return '—'
  const tls = d.tls === null ? null : `TLS: ${d.tls ? yes : no}`
  return (
    <Stack gap={0}>
      <Text size="sm">{[d.service, tls].filter(Boolean).join(' · ') || '—'}</Text>
      {d.purpose && (
        <Text size="xs" c="dimmed">
          {d.purpose}
        </Text>
      )}
    </Stack>
  )
}

/**
 * 開示と実測の比較: the ports the device's model declares (MDS2, the template, or by hand) next to what scans saw on
 * the device's addresses, one row per port with a status in plain words: as declared, open but not declared,
 * declared but not seen, cleartext where TLS was declared. When there is nothing to compare it says what to do.
 */
export function DisclosedVsObserved({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation()
  const q = useQuery({
    queryKey: disclosureKeys.forDevice(deviceId),
    queryFn: () => disclosuresApi.disclosedVsObserved(deviceId),
  })
  const d = q.data
  const title = t('disclosureUi.dvo.title')
  const yes = t('common.yes')
  const no = t('common.no')

  let body: ReactNode = null
  if (d && !d.model && d.linkState !== 'suggested') {
    body = <NextStep text={t('disclosureUi.dvo.noModel')} to="/catalog" link={t('disclosureUi.dvo.openCatalog')} />
  } else if (d && d.linkState === 'suggested') {
    body = (
      <NextStep
        text={t('disclosureUi.dvo.suggested')}
        to={d.model ? modelPath(d.model.id) : '/catalog'}
        link={t('disclosureUi.dvo.confirm')}
      />
    )
  } else if (d && !d.declaredSource) {
    body = (
      <NextStep
        text={t('disclosureUi.dvo.noDeclaration')}
        to="/disclosures/import"
        link={t('disclosureUi.dvo.import')}
      />
    )
  } else if (d) {
    body = (
      <Stack gap="xs">
        {!d.lastScannedAt && (
          <NextStep text={t('disclosureUi.dvo.neverScanned')} to="/discovery/scans" link={t('disclosureUi.dvo.scan')} />
        )}
        <Table fz="sm" striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('disclosureUi.dvo.port')}</Table.Th>
              <Table.Th>{t('disclosureUi.dvo.declared')}</Table.Th>
              <Table.Th>{t('disclosureUi.dvo.observed')}</Table.Th>
              <Table.Th>{t('disclosureUi.dvo.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.rows.map((r) => (
              <Table.Tr key={`${r.port}/${r.transport}`} data-status={r.status}>
                <Table.Td className="mono">{`${r.port}/${r.transport}`}</Table.Td>
                <Table.Td>{declaredText(r, yes, no)}</Table.Td>
                <Table.Td>
                  {r.observed.length === 0
                    ? '—'
                    : r.observed.map((o) => (
                        <Text size="sm" key={`${o.address}:${o.port}`}>
                          <Text span size="sm" className="mono">
                            {o.address}
                          </Text>
                          {` ${[o.service, o.tls === null ? null : `TLS: ${o.tls ? yes : no}`].filter(Boolean).join(' · ')}`}
                          <Text span size="xs" c="dimmed">
                            {` (${t('disclosureUi.dvo.lastSeen')}: ${formatDateTime(o.lastSeenAt, i18n.language)})`}
                          </Text>
                        </Text>
                      ))}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge color={STATUS_COLOR[r.status]} variant="light" tt="none">
                      {t(`disclosureUi.dvo.st.${r.status}`)}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t(`disclosureUi.dvo.why.${r.status}`)}
                    </Text>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {d.rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('disclosureUi.dvo.noRows')}
          </Text>
        )}
      </Stack>
    )
  }

  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Title order={3} size="h5">
            {title}
          </Title>
          {d?.model && <ModelLink model={d.model} />}
          {d?.linkState === 'suggested' && (
            <Badge color="yellow" variant="light" tt="none">
              {t('disclosureUi.dvo.suggestedBadge')}
            </Badge>
          )}
        </Group>
        {d?.lastScannedAt && (
          <Text size="xs" c="dimmed">
            {t('disclosureUi.dvo.lastScanned', { at: formatDateTime(d.lastScannedAt, i18n.language) })}
          </Text>
        )}
      </Group>
      {q.error && <ErrorAlert error={q.error} />}
      {body}
    </Paper>
  )
}
