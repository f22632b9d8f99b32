import { Alert, Anchor, Badge, Button, Skeleton, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { MatchOut } from '../../../../api/vulns.js'
import { canEdit, useAuth } from '../../auth.js'
import { ErrorAlert } from '../../components/common.js'
import { invalidateVulns, type ReviewDecision, vulnKeys, vulnsApi } from '../../data/vulns.js'
import { DecisionBadge, DeviceWhere, HeadRow, KevBadge, Reasons, RuledOutWhy, Section, useShowMore } from './parts.js'
import { ReviewDialog } from './ReviewDialog.js'

/**
 * 該当機器 and 対象外 for one advisory: every device it hits (asset tag, model and version, where, who, the CVE, the
 * engine's explanation), buttons to mark a match false or confirm it; below, the devices ruled out and why.
 */
export function AffectedDevices({ advisoryId }: { advisoryId: string }) {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const editable = canEdit(user)
  const q = useQuery({ queryKey: vulnKeys.affected(advisoryId), queryFn: () => vulnsApi.affected(advisoryId) })
  const [review, setReview] = useState<{ match: MatchOut; decision: ReviewDecision } | null>(null)
  const undo = useMutation({ mutationFn: vulnsApi.undoReview, onSuccess: () => void invalidateVulns(qc) })

  if (q.error) return <ErrorAlert error={q.error} />
  if (!q.data) return <Skeleton h={160} />
  const { affected, ruledOut } = q.data
  const devices = new Set(affected.map((m) => m.device.id)).size

  return (
    <>
      <Section
        id="vulns-affected"
        title={t('vulns.affected.title')}
        aside={
          <Text size="sm" fw={600} c={devices > 0 ? 'red.7' : 'teal.7'} data-count={devices}>
            {devices > 0 ? t('vulns.affected.count', { count: devices }) : t('vulns.affected.none')}
          </Text>
        }
      >
        {affected.length === 0 ? (
          <Alert color="teal">{t('vulns.affected.noneLong')}</Alert>
        ) : (
          <MatchTable
            label={t('vulns.affected.title')}
            rows={affected}
            actions={(m) =>
              editable && (
                <Stack gap={4}>
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="gray"
                    onClick={() => setReview({ match: m, decision: 'false-positive' })}
                  >
                    {t('vulns.review.markFalse')}
                  </Button>
                  {m.review?.decision !== 'accepted' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="red"
                      onClick={() => setReview({ match: m, decision: 'accepted' })}
                    >
                      {t('vulns.review.accept')}
                    </Button>
                  )}
                </Stack>
              )
            }
          />
        )}
      </Section>
      <Section id="vulns-ruled-out" title={t('vulns.ruledOut.title')}>
        {undo.error && <ErrorAlert error={undo.error} />}
        {ruledOut.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('vulns.ruledOut.none')}
          </Text>
        ) : (
          <MatchTable
            label={t('vulns.ruledOut.title')}
            rows={ruledOut}
            why
            actions={(m) =>
              editable &&
              m.review && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  loading={undo.isPending && undo.variables === m.review.id}
                  onClick={() => m.review && undo.mutate(m.review.id)}
                >
                  {t('vulns.review.undo')}
                </Button>
              )
            }
          />
        )}
      </Section>
      <ReviewDialog
        match={review?.match ?? null}
        decision={review?.decision ?? 'false-positive'}
        onClose={() => setReview(null)}
      />
    </>
  )
}

/** The rows of either section; `why` shows the ruled-out reason (version, VEX statement, a person's note). */
function MatchTable({
  rows,
  label,
  why = false,
  actions,
}: {
  rows: MatchOut[]
  label: string
  why?: boolean
  actions: (m: MatchOut) => React.ReactNode
}) {
  const { t } = useTranslation()
  const { shown, more } = useShowMore(rows)
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table fz="sm" aria-label={label} verticalSpacing="xs">
        <HeadRow
          labels={[
            t('vulns.col.device'),
            t('vulns.col.where'),
            t('vulns.col.cve'),
            t('vulns.col.decision'),
            why ? t('vulns.col.whyOut') : t('vulns.col.why'),
            '',
          ]}
        />
        <Table.Tbody>
          {shown.map((m) => (
            <Table.Tr key={m.id} data-match={m.id} data-device={m.device.id}>
              <Table.Td>
                <Anchor component={Link} to={`/devices/${encodeURIComponent(m.device.id)}`} size="sm" fw={600}>
                  {m.device.assetTag ?? m.device.name ?? m.device.id}
                </Anchor>
                <Text size="xs">{[m.device.manufacturer, m.device.model].filter(Boolean).join(' ')}</Text>
                {m.device.softwareVersion && (
                  <Text size="xs" c="dimmed">
                    {t('vulns.version', { version: m.device.softwareVersion })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <DeviceWhere device={m.device} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.cve ?? '—'}</Text>
                <KevBadge kev={m.knownExploited} ransomware={m.facts?.kev?.ransomware} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <DecisionBadge effective={m.effective} />
                  {m.review?.decision === 'accepted' && (
                    <Badge size="xs" variant="outline" color="red">
                      {t('vulns.review.acceptedBy', { who: m.review.decidedBy })}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td maw={420}>{why ? <RuledOutWhy match={m} /> : <Reasons reasons={m.reasons} />}</Table.Td>
              <Table.Td>{actions(m)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more}
    </Table.ScrollContainer>
  )
}
