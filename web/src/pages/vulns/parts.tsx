import { Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CveFactsOut, MatchOut } from '../../../../api/vulns.js'
import { splitBilingual } from '../../../../src/core/errors.js'
import { inLanguage } from '../../components/common.js'

/** Colour of a CVSS severity band (critical red … low grey). */
const SEVERITY_COLOR: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
  none: 'gray',
}

/** Colour of what the hospital sees for a match. */
const DECISION_COLOR: Record<MatchOut['effective'], string> = {
  affected: 'red',
  'needs-review': 'orange',
  'ruled-out-by-version': 'teal',
  'not-affected': 'teal',
  'false-positive': 'gray',
}

/** The UI language's half of a `{ja, en}` pair. */
export function useBilingual(): (pair: { ja: string; en: string } | null | undefined) => string {
  const { i18n } = useTranslation()
  const ja = i18n.language.startsWith('ja')
  return (pair) => (pair ? (ja ? pair.ja : pair.en) : '')
}

/** "Known exploited" (CISA KEV) badge; with `ransomware` it adds the ransomware note people must not miss. */
export function KevBadge({ kev, ransomware }: { kev: boolean; ransomware?: boolean }) {
  const { t } = useTranslation()
  if (!kev) return null
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('vulns.kev.hint')}>
        <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} />} data-kev>
          {t('vulns.kev.badge')}
        </Badge>
      </Tooltip>
      {ransomware && (
        <Badge color="grape" variant="light" data-ransomware>
          {t('vulns.kev.ransomware')}
        </Badge>
      )}
    </Group>
  )
}

/** The CVSS band in words (重大/高/中/低) with the score, for people who do not read vectors. */
export function SeverityBadge({ severity, score }: { severity: string | null; score?: number | null }) {
  const { t } = useTranslation()
  if (!severity && (score === null || score === undefined)) return <Text size="sm">—</Text>
  const band = severity ?? bandOf(score ?? 0)
  return (
    <Badge color={SEVERITY_COLOR[band] ?? 'gray'} variant="light">
      {t(`vulns.severity.${band}`, { defaultValue: band })}
      {score !== null && score !== undefined ? ` ${score.toFixed(1)}` : ''}
    </Badge>
  )
}

/** CVSS v3 bands (FIRST): 9.0 critical, 7.0 high, 4.0 medium, above 0 low. */
export function bandOf(score: number): string {
  if (score >= 9) return 'critical'
  if (score >= 7) return 'high'
  if (score >= 4) return 'medium'
  return score > 0 ? 'low' : 'none'
}

/** What the hospital sees for a match (該当 / 要確認 / 対象外 …), never the raw value. */
export function DecisionBadge({ effective }: { effective: MatchOut['effective'] }) {
  const { t } = useTranslation()
  return (
    <Badge color={DECISION_COLOR[effective]} variant="light" data-effective={effective}>
      {t(`vulns.decision.${effective}`)}
    </Badge>
  )
}

/** KEV, CVSS band and EPSS of one CVE on one line. */
export function CveFactsLine({ facts }: { facts: CveFactsOut | null }) {
  const { t } = useTranslation()
  if (!facts) return null
  const score = facts.cvss4?.baseScore ?? facts.cvss3?.baseScore ?? null
  return (
    <Group gap="xs" wrap="wrap">
      <SeverityBadge severity={facts.severity} score={score} />
      <KevBadge kev={facts.kev !== null} ransomware={facts.kev?.ransomware} />
      {facts.epss && (
        <Tooltip label={t('vulns.epss.hint')}>
          <Text size="xs" c="dimmed">
            {t('vulns.epss.value', {
              score: (facts.epss.score * 100).toFixed(1),
              percentile: Math.round(facts.epss.percentile * 100),
            })}
          </Text>
        </Tooltip>
      )}
    </Group>
  )
}

/** The manufacturer's remedies in plain words (修正版あり / 影響を減らす対策 / 対策なし) with their details and link. */
export function Remediations({ items }: { items: MatchOut['remediations'] }) {
  const { t } = useTranslation()
  if (items.length === 0) return <Text size="sm">{t('vulns.remediation.unknown')}</Text>
  return (
    <Stack gap={4}>
      {items.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same category can come twice with other details
        <div key={i} data-remediation={r.category}>
          <Text size="sm" fw={600}>
            {t(`vulns.remediation.${r.category}`, { defaultValue: t('vulns.remediation.other') })}
          </Text>
          {r.details && (
            <Text size="xs" c="dimmed" lineClamp={4}>
              {r.details}
            </Text>
          )}
          {r.url && (
            <Anchor href={r.url} target="_blank" rel="noreferrer" size="xs">
              {t('vulns.remediation.link')}
            </Anchor>
          )}
        </div>
      ))}
    </Stack>
  )
}

/** Why the engine decided (which field, which bound, which alias), in the UI's language. */
export function Reasons({ reasons }: { reasons: MatchOut['reasons'] }) {
  const pick = useBilingual()
  if (reasons.length === 0) return null
  return (
    <List size="sm" spacing={2} data-reasons>
      {reasons.map((r) => (
        <List.Item key={r.en}>{pick(r)}</List.Item>
      ))}
    </List>
  )
}

/** Why a match is ruled out: the version, the manufacturer's statement (with its justification) or a person's note. */
export function RuledOutWhy({ match }: { match: MatchOut }) {
  const { t, i18n } = useTranslation()
  if (match.effective === 'false-positive' && match.review) {
    return (
      <Stack gap={2} data-why="review">
        <Text size="sm">
          {t('vulns.ruledOut.byPerson', {
            who: match.review.decidedBy,
            when: new Date(match.review.decidedAt).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'ja-JP'),
          })}
        </Text>
        {match.review.note && (
          <Text size="sm" fs="italic" data-note>
            「{match.review.note}」
          </Text>
        )}
      </Stack>
    )
  }
  if (match.effective === 'not-affected' && match.vex) {
    const v = match.vex
    return (
      <Stack gap={2} data-why="vex">
        <Text size="sm">
          {t('vulns.ruledOut.byVex', {
            source: t(`vulns.vexSource.${v.sourceKind}`),
            status: t(`vulns.vexStatus.${v.status}`, { defaultValue: v.status }),
          })}
        </Text>
        {v.justification && (
          <Text size="sm">
            {t(`vulns.justification.${v.justification}`, { defaultValue: t('vulns.justification.other') })}
          </Text>
        )}
        {v.detail && (
          <Text size="xs" c="dimmed">
            「{v.detail}」
          </Text>
        )}
      </Stack>
    )
  }
  return <Reasons reasons={match.reasons} />
}

/** Where a device is and who looks after it: location, department, owner. */
export function DeviceWhere({ device }: { device: MatchOut['device'] }) {
  const { t } = useTranslation()
  return (
    <Stack gap={0}>
      <Text size="sm">{device.location ?? '—'}</Text>
      <Text size="xs" c="dimmed">
        {[device.department, device.owner ? t('vulns.owner', { owner: device.owner }) : null]
          .filter(Boolean)
          .join(' · ') || '—'}
      </Text>
    </Stack>
  )
}

/**
 * Long lists (a common model's devices, an SBOM's components) render a page at a time: the first `step` rows and a
 * button for the next ones, so a list of thousands never lands in the page at once.
 */
export function useShowMore<T>(rows: readonly T[], step = 100): { shown: readonly T[]; more: ReactNode } {
  const { t } = useTranslation()
  const [limit, setLimit] = useState(step)
  const rest = rows.length - limit
  return {
    shown: rest > 0 ? rows.slice(0, limit) : rows,
    more:
      rest > 0 ? (
        <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => setLimit((n) => n + step)}>
          {t('vulns.showMore', { count: Math.min(step, rest), rest })}
        </Button>
      ) : null,
  }
}

/** A titled, bordered section of a page; screen readers reach it as a region named by its title. */
export function Section({
  id,
  title,
  aside,
  children,
}: {
  id: string
  title: string
  aside?: ReactNode
  children: ReactNode
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  )
}

/** A table's header row from its column titles ('' for a column without one, such as the buttons). */
export function HeadRow({ labels }: { labels: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {labels.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed; several may have no title
          <Table.Th key={i}>{l}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  )
}

/** A server text stored as one line "English / 日本語" (a feed's last error, a delivery failure) in the UI's language. */
export function bilingualText(text: string, lang: string): string {
  const { en, ja } = splitBilingual(text)
  return inLanguage(lang, en, ja)
}
