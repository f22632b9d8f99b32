import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ISSUE_RESOLUTIONS } from '../../../../api/acceptance.js'
import { ErrorAlert } from '../../components/common.js'
import { type Acceptance, type AcceptanceIssue, acceptanceApi } from '../../data/acceptance.js'
import { SectionTitle, useAcceptanceChange } from './parts.js'

const RES_COLOR: Record<AcceptanceIssue['resolution'], string> = {
  open: 'orange',
  fixed: 'teal',
  mitigated: 'blue',
  accepted: 'grape',
  spec: 'yellow',
}

/**
 * Step 4: what was raised with the manufacturer, the reply and when, and what the hospital decided — including
 * 「仕様です」 (the manufacturer says it is the specification), which still needs the hospital's own decision.
 */
export function IssuesSection({
  acceptance: a,
  editable,
  sectionId,
}: {
  acceptance: Acceptance
  editable: boolean
  sectionId: string
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState({ title: '', detail: '', raisedOn: '' })
  const raise = useAcceptanceChange(() =>
    acceptanceApi.raiseIssue(a.id, {
      title: draft.title,
      detail: draft.detail,
      raisedOn: draft.raisedOn || null,
    }),
  )
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={sectionId}>
      <SectionTitle id={sectionId}>{`4. ${t('acceptance.step.4')}`}</SectionTitle>
      <Text size="sm" c="dimmed" mb="sm">
        {t('acceptance.issuesIntro')}
      </Text>
      <Stack gap="sm">
        {a.issues.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('acceptance.issue.none')}
          </Text>
        )}
        {a.issues.map((i) => (
          <IssueCard key={i.id} acceptanceId={a.id} issue={i} editable={editable} />
        ))}
        {editable && (
          <Paper withBorder p="sm" bg="gray.0">
            <Text size="sm" fw={600} mb={4}>
              {t('acceptance.issue.new')}
            </Text>
            <Group align="end" grow>
              <TextInput
                label={t('acceptance.issue.title')}
                value={draft.title}
                onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
              />
              <TextInput
                label={t('acceptance.issue.raisedOn')}
                type="date"
                value={draft.raisedOn}
                onChange={(e) => setDraft({ ...draft, raisedOn: e.currentTarget.value })}
              />
            </Group>
            <Textarea
              label={t('acceptance.issue.detail')}
              autosize
              minRows={1}
              value={draft.detail}
              onChange={(e) => setDraft({ ...draft, detail: e.currentTarget.value })}
            />
            <Button
              mt="xs"
              size="sm"
              leftSection={<IconPlus size={16} />}
              disabled={!draft.title.trim()}
              loading={raise.isPending}
              onClick={() =>
                raise.mutate(undefined, { onSuccess: () => setDraft({ title: '', detail: '', raisedOn: '' }) })
              }
            >
              {t('acceptance.issue.raise')}
            </Button>
            {raise.error && <ErrorAlert error={raise.error} />}
          </Paper>
        )}
      </Stack>
    </Paper>
  )
}

function IssueCard({
  acceptanceId,
  issue: i,
  editable,
}: {
  acceptanceId: string
  issue: AcceptanceIssue
  editable: boolean
}) {
  const { t } = useTranslation()
  const [reply, setReply] = useState({
    manufacturerReply: i.manufacturerReply,
    repliedOn: i.repliedOn ?? '',
    resolution: i.resolution,
    decision: i.decision,
  })
  const save = useAcceptanceChange(() =>
    acceptanceApi.patchIssue(acceptanceId, i.id, { ...reply, repliedOn: reply.repliedOn || null }),
  )
  return (
    <Paper withBorder p="sm" data-issue={i.id} data-resolution={i.resolution}>
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {i.title}
        </Text>
        <Badge color={RES_COLOR[i.resolution]} variant="light">
          {t(`acceptance.resolution.${i.resolution}`)}
        </Badge>
      </Group>
      {i.detail && (
        <Text size="sm" c="dimmed">
          {i.detail}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('acceptance.issue.raisedBy', { on: i.raisedOn ?? '—', by: i.raisedBy ?? '—' })}
      </Text>
      <Stack gap={4} mt="xs">
        <Textarea
          label={t('acceptance.issue.reply')}
          autosize
          minRows={1}
          readOnly={!editable}
          value={reply.manufacturerReply}
          onChange={(e) => setReply({ ...reply, manufacturerReply: e.currentTarget.value })}
        />
        <Group grow align="end">
          <TextInput
            label={t('acceptance.issue.repliedOn')}
            type="date"
            readOnly={!editable}
            value={reply.repliedOn}
            onChange={(e) => setReply({ ...reply, repliedOn: e.currentTarget.value })}
          />
          <Select
            label={t('acceptance.issue.resolution')}
            readOnly={!editable}
            allowDeselect={false}
            data={ISSUE_RESOLUTIONS.map((r) => ({ value: r, label: t(`acceptance.resolution.${r}`) }))}
            value={reply.resolution}
            onChange={(v) => v && setReply({ ...reply, resolution: v as AcceptanceIssue['resolution'] })}
          />
        </Group>
        {(reply.resolution === 'spec' || reply.resolution === 'accepted') && (
          <Text size="xs" c="yellow.9">
            {t('acceptance.issue.decisionHint')}
          </Text>
        )}
        <Textarea
          label={t('acceptance.issue.decision')}
          autosize
          minRows={1}
          readOnly={!editable}
          value={reply.decision}
          onChange={(e) => setReply({ ...reply, decision: e.currentTarget.value })}
        />
        {editable && (
          <Group>
            <Button size="xs" loading={save.isPending} onClick={() => save.mutate(undefined)}>
              {t('acceptance.issue.save')}
            </Button>
          </Group>
        )}
        {save.error && <ErrorAlert error={save.error} />}
      </Stack>
    </Paper>
  )
}
