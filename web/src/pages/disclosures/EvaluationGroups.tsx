import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DisclosureEvaluationOut } from '../../../../api/disclosure.js'
import { StatCard } from '../../components/StatCard.js'
import { severityColor } from '../discovery/types.js'
import { CitationChips, useIsEnglish } from './parts.js'

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info']
/** The order a letter lists questions in (core QUESTION_REASONS); unknown reasons last. */
const REASON_ORDER = ['contradiction', 'unanswered', 'see-notes-missing', 'vague', 'missing-disclosure', 'follow-up']
/** How many questions of one reason show before "show all": a form left mostly blank asks many. */
const FIRST_SHOWN = 8

type Question = DisclosureEvaluationOut['questions'][number]

/** The questions of one reason, the first few shown and the rest one click away. */
function ReasonBlock({ reason, questions }: { reason: string; questions: readonly Question[] }) {
  const { t } = useTranslation()
  const en = useIsEnglish()
  const [all, setAll] = useState(false)
  const shown = all ? questions : questions.slice(0, FIRST_SHOWN)
  return (
    <Stack gap={6} data-reason={reason}>
      <Group gap="xs">
        <Badge variant="light" color="yellow" tt="none">
          {t(`disclosureUi.reason.${reason}`, { defaultValue: reason })}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('disclosureUi.eval.reasonCount', { count: questions.length })}
        </Text>
      </Group>
      {shown.map((q, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one question id can be asked twice (two rules need it)
        <Paper key={`${q.questionId}:${i}`} withBorder p="sm" data-question={q.questionId}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge variant="outline" tt="none" miw={80}>
              {q.questionId}
            </Badge>
            <Stack gap={4} style={{ flex: 1 }}>
              <Text size="sm">{en ? q.textEn : q.textJa}</Text>
              <CitationChips citations={q.citations} />
            </Stack>
          </Group>
        </Paper>
      ))}
      {questions.length > FIRST_SHOWN && (
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={() => setAll((v) => !v)}>
            {all ? t('disclosureUi.eval.showFewer') : t('disclosureUi.eval.showAll', { count: questions.length })}
          </Button>
        </Group>
      )}
    </Stack>
  )
}

/** Questions to the manufacturer grouped by why they are asked, contradictions first. */
function QuestionsByReason({ questions }: { questions: readonly Question[] }) {
  const groups = new Map<string, Question[]>()
  for (const q of questions) groups.set(q.reason, [...(groups.get(q.reason) ?? []), q])
  const rank = (r: string) => (REASON_ORDER.includes(r) ? REASON_ORDER.indexOf(r) : REASON_ORDER.length)
  return (
    <>
      {[...groups]
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([reason, qs]) => (
          <ReasonBlock key={reason} reason={reason} questions={qs} />
        ))}
    </>
  )
}

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
  const bySeverity = SEVERITY_ORDER.map((sv) => ({ sv, n: findings.filter((f) => f.severity === sv).length }))
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard
          label={t('disclosureUi.eval.findings')}
          value={findings.length}
          valueColor={findings.length > 0 ? 'red.7' : undefined}
          hint={bySeverity
            .filter((x) => x.n > 0)
            .map((x) => `${t(`enums.severity.${x.sv}`)} ${x.n}`)
            .join('・')}
        />
        <StatCard label={t('disclosureUi.eval.controls')} value={evaluation.controls.length} valueColor="indigo.7" />
        <StatCard label={t('disclosureUi.eval.questions')} value={evaluation.questions.length} valueColor="orange.7" />
      </SimpleGrid>
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
        <QuestionsByReason questions={evaluation.questions} />
      </Group3>
    </Stack>
  )
}
