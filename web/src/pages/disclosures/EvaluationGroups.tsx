import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DisclosureEvaluationOut } from '../../../../api/disclosure.js'
import { severityColor } from '../discovery/types.js'
import { CitationChips, useIsEnglish } from './parts.js'

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info']

/** One titled group with its count, e.g. 「検出事項 (5)」, as a labelled region. */
function Group3({
  id,
  title,
  count,
  hint,
  children,
}: {
  id: string
  title: string
  count: number
  hint: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-group={id}>
      <Group gap="xs" mb={4}>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Badge variant="light" color="gray" data-count={count}>
          {count}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('disclosureUi.eval.none')}
        </Text>
      ) : (
        <Stack gap="xs">{children}</Stack>
      )}
    </Paper>
  )
}

/**
 * What a disclosure means for the hospital, in three groups with their counts: 検出事項 (what is weak about the
 * model, most severe first), 必要な補完的対策 (what the hospital must put in place, with the MHLW checklist item and
 * guideline section it serves) and 製造業者への質問 (what to ask the manufacturer, and why). Every entry shows the
 * answers it came from.
 */
export function EvaluationGroups({ evaluation }: { evaluation: DisclosureEvaluationOut }) {
  const { t } = useTranslation()
  const en = useIsEnglish()
  const findings = [...evaluation.findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  )
  return (
    <Stack gap="md">
      <Group3
        id="findings"
        title={t('disclosureUi.eval.findings')}
        count={findings.length}
        hint={t('disclosureUi.eval.findingsHint')}
      >
        {findings.map((f) => (
          <Paper key={f.ruleId} withBorder p="sm" data-rule={f.ruleId}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color={severityColor(f.severity)} variant="filled" size="sm" miw={60}>
                {t(`enums.severity.${f.severity}`)}
              </Badge>
              <Stack gap={4} style={{ flex: 1 }}>
                <Text size="sm" fw={600}>
                  {en ? f.titleEn : f.titleJa}
                </Text>
                <Text size="sm">{en ? f.detailEn : f.detailJa}</Text>
                <Text size="sm">
                  <Text span size="sm" fw={600}>
                    {t('disclosureUi.eval.recommendation')}:{' '}
                  </Text>
                  {en ? f.recommendationEn : f.recommendationJa}
                </Text>
                <CitationChips citations={f.citations} />
              </Stack>
            </Group>
          </Paper>
        ))}
      </Group3>
      <Group3
        id="controls"
        title={t('disclosureUi.eval.controls')}
        count={evaluation.controls.length}
        hint={t('disclosureUi.eval.controlsHint')}
      >
        {evaluation.controls.map((c) => (
          <Paper key={c.controlId} withBorder p="sm" data-control={c.controlId}>
            <Stack gap={4}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {en ? c.titleEn : c.titleJa}
                </Text>
                {c.checklistItem && (
                  <Badge variant="light" color="indigo" tt="none">
                    {t('disclosureUi.eval.checklistItem', { item: c.checklistItem })}
                  </Badge>
                )}
                {c.guidelineRef && (
                  <Badge variant="light" color="gray" tt="none">
                    {t('disclosureUi.eval.guideline', { ref: c.guidelineRef })}
                  </Badge>
                )}
              </Group>
              <Text size="sm">{en ? c.detailEn : c.detailJa}</Text>
              <CitationChips citations={c.citations} />
            </Stack>
          </Paper>
        ))}
      </Group3>
      <Group3
        id="questions"
        title={t('disclosureUi.eval.questions')}
        count={evaluation.questions.length}
        hint={t('disclosureUi.eval.questionsHint')}
      >
        {evaluation.questions.map((q, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one question id can be asked for two reasons
          <Paper key={`${q.questionId}:${i}`} withBorder p="sm" data-question={q.questionId}>
            <Stack gap={4}>
              <Group gap="xs">
                <Badge variant="outline" tt="none">
                  {q.questionId}
                </Badge>
                <Badge variant="light" color="yellow" tt="none">
                  {t(`disclosureUi.reason.${q.reason}`, { defaultValue: q.reason })}
                </Badge>
              </Group>
              <Text size="sm">{en ? q.textEn : q.textJa}</Text>
              <CitationChips citations={q.citations} />
            </Stack>
          </Paper>
        ))}
      </Group3>
    </Stack>
  )
}
