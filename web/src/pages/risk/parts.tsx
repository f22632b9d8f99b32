import { Badge, Group, Progress, Stack, Table, Text, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RiskBand } from '../../../../api/risk.js'
import type { DeviceRisk, RiskContribution } from '../../data/risk.js'

/** Colour of a risk band: critical red … low grey. */
export const BAND_COLOR: Record<RiskBand, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' }

/** True when the UI shows Japanese. */
export function useJa(): boolean {
  const { i18n } = useTranslation()
  return i18n.language.startsWith('ja')
}

/** The band in words (重大/高/中/低), optionally with the score. */
export function RiskBandBadge({ band, score }: { band: RiskBand | null; score?: number }) {
  const { t } = useTranslation()
  if (!band) return <Text size="sm">—</Text>
  return (
    <Badge color={BAND_COLOR[band]} variant={band === 'critical' ? 'filled' : 'light'} data-band={band}>
      {t(`riskUi.band.${band}`)}
      {score !== undefined ? ` ${score}` : ''}
    </Badge>
  )
}

/** A factor's name in the UI language. */
export function useFactorLabel(): (factor: string) => string {
  const { t } = useTranslation()
  return (factor) => t(`riskUi.factor.${factor}`, { defaultValue: factor })
}

/** The device's headline in the UI language. */
export function headlineOf(r: Pick<DeviceRisk, 'headlineJa' | 'headlineEn'>, ja: boolean): string {
  return ja ? r.headlineJa : r.headlineEn
}

/** The top factors as badges (what was seen), controls in green: the "why" next to a device. */
export function FactorBadges({ contributions, max = 3 }: { contributions: RiskContribution[]; max?: number }) {
  const ja = useJa()
  return (
    <Group gap={4} wrap="wrap" data-factors>
      {contributions.slice(0, max).map((c) => (
        <Badge
          key={c.factor}
          size="sm"
          variant="light"
          color={c.points < 0 ? 'teal' : 'indigo'}
          tt="none"
          data-factor={c.factor}
        >
          {ja ? c.observedJa : c.observedEn} ({c.points > 0 ? '+' : ''}
          {c.points})
        </Badge>
      ))}
    </Group>
  )
}

/**
 * Every factor that gave points: its group, its points as a bar against its weight, what was seen and why it
 * matters, in the UI's language. Controls subtract and show in green.
 */
export function RiskBreakdown({ risk }: { risk: DeviceRisk }) {
  const { t, i18n } = useTranslation()
  const ja = useJa()
  const label = useFactorLabel()
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <RiskBandBadge band={risk.band} score={risk.score} />
        <Text size="sm" fw={600}>
          {headlineOf(risk, ja)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('riskUi.breakdown.meta', {
          version: risk.profileVersion,
          when: new Date(risk.scoredAt).toLocaleString(i18n.language === 'ja' ? 'ja-JP' : 'en-GB'),
        })}
      </Text>
      {risk.contributions.length === 0 ? (
        <Text size="sm">{t('riskUi.breakdown.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" aria-label={t('riskUi.breakdown.table')} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('riskUi.breakdown.factor')}</Table.Th>
                <Table.Th w={180}>{t('riskUi.breakdown.points')}</Table.Th>
                <Table.Th>{t('riskUi.breakdown.observed')}</Table.Th>
                <Table.Th>{t('riskUi.breakdown.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {risk.contributions.map((c) => {
                const share = c.maxPoints > 0 ? (Math.abs(c.points) / c.maxPoints) * 100 : 0
                return (
                  <Table.Tr key={c.factor} data-factor={c.factor}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {label(c.factor)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`riskUi.group.${c.group}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={t('riskUi.breakdown.ofMax', { points: c.points, max: c.maxPoints })}>
                        <Stack gap={2}>
                          <Text size="sm" fw={700} c={c.points < 0 ? 'teal.7' : undefined} data-points>
                            {c.points > 0 ? '+' : ''}
                            {c.points}
                          </Text>
                          <Progress
                            value={share}
                            color={c.points < 0 ? 'teal' : 'indigo'}
                            size="sm"
                            aria-label={t('riskUi.breakdown.ofMax', { points: c.points, max: c.maxPoints })}
                          />
                        </Stack>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>{ja ? c.observedJa : c.observedEn}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{ja ? c.explanationJa : c.explanationEn}</Text>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}

/** The device's name line: asset tag, name, maker and model. */
export function deviceLine(r: Pick<DeviceRisk, 'assetTag' | 'name' | 'manufacturer' | 'model'>): string {
  return [r.name, [r.manufacturer, r.model].filter(Boolean).join(' ')].filter(Boolean).join(' — ') || '—'
}
