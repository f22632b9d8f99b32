import { Button, Group, List, Menu, Paper, Skeleton, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core'
import { IconChevronDown, IconFileText } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router-dom'
import type { DisclosureDetail } from '../../../../api/disclosure.js'
import { ErrorAlert } from '../../components/common.js'
import { disclosureKeys, disclosuresApi, type LetterLanguage } from '../../data/disclosures.js'
import { AnswersTable } from './AnswersTable.js'
import { EvaluationGroups } from './EvaluationGroups.js'
import { HeaderTable } from './ImportResultView.js'
import { DisclosureProblemTable } from './ProblemReport.js'
import { DisclosureCrumbs } from './parts.js'

/** The letter to the manufacturer as PDF or Word, in Japanese or English (downloads, not page loads). */
function LetterMenu({ id, hasModel }: { id: string; hasModel: boolean }) {
  const { t } = useTranslation()
  if (!hasModel) {
    // The letter is addressed to the model's maker: without a model the server refuses it (DISCLOSURE_NO_MODEL).
    return (
      <Tooltip label={t('disclosureUi.letter.needsModel')} multiline w={260}>
        <Button leftSection={<IconFileText size={16} />} data-disabled onClick={(e) => e.preventDefault()}>
          {t('disclosureUi.letter.button')}
        </Button>
      </Tooltip>
    )
  }
  const options: { lang: LetterLanguage; format: 'pdf' | 'docx' }[] = [
    { lang: 'ja', format: 'pdf' },
    { lang: 'ja', format: 'docx' },
    { lang: 'en', format: 'pdf' },
    { lang: 'en', format: 'docx' },
  ]
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button leftSection={<IconFileText size={16} />} rightSection={<IconChevronDown size={14} />}>
          {t('disclosureUi.letter.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('disclosureUi.letter.hint')}</Menu.Label>
        {options.map((o) => (
          <Menu.Item
            key={`${o.lang}-${o.format}`}
            component="a"
            href={disclosuresApi.letterUrl(id, o.lang, o.format)}
            download
          >
            {t(`disclosureUi.letter.${o.format}`, { lang: t(`disclosureUi.letter.lang.${o.lang}`) })}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}

/** Ports the manufacturer declares for the model, as the disclosure states them. */
function DeclaredPortsTable({ ports }: { ports: DisclosureDetail['declaredPorts'] }) {
  const { t } = useTranslation()
  if (ports.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('disclosureUi.ports.none')}
      </Text>
    )
  }
  return (
    <Table fz="sm" striped aria-label={t('disclosureUi.tabs.ports')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('disclosureUi.ports.port')}</Table.Th>
          <Table.Th>{t('disclosureUi.ports.direction')}</Table.Th>
          <Table.Th>{t('disclosureUi.ports.service')}</Table.Th>
          <Table.Th>{t('disclosureUi.ports.purpose')}</Table.Th>
          <Table.Th>TLS</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ports.map((p) => (
          <Table.Tr key={`${p.port}/${p.transport}/${p.direction}`}>
            <Table.Td className="mono">{`${p.port}/${p.transport}`}</Table.Td>
            <Table.Td>{t(`disclosureUi.ports.dir.${p.direction}`)}</Table.Td>
            <Table.Td>{p.service ?? '—'}</Table.Td>
            <Table.Td>{p.purpose ?? '—'}</Table.Td>
            <Table.Td>{p.tls === null ? '—' : p.tls ? t('common.yes') : t('common.no')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/**
 * One disclosure: what it means for the hospital (findings, compensating controls, questions to the manufacturer,
 * each citing the answers it came from), the letter to the manufacturer, and the disclosure itself (answers, notes,
 * the reader's warnings, declared ports, header).
 */
export function DisclosureDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const detail = useQuery({ queryKey: disclosureKeys.detail(id), queryFn: () => disclosuresApi.get(id) })
  const evaluation = useQuery({ queryKey: disclosureKeys.evaluation(id), queryFn: () => disclosuresApi.evaluation(id) })
  const d = detail.data
  const title = d
    ? d.model
      ? `${d.model.vendor} ${d.model.name}`
      : [d.header.manufacturer, d.header.model].filter(Boolean).join(' ') || d.header.documentId || d.fileName || id
    : id

  return (
    <Stack gap="md">
      <DisclosureCrumbs here={title} />
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Title order={2} size="h3">
            {t('disclosureUi.detail.title', { name: title })}
          </Title>
          {d && (
            <Text size="sm" c="dimmed">
              {t('disclosureUi.detail.summary', {
                answered: d.answeredCount,
                questions: d.questionCount,
                warnings: d.warningCount,
              })}
            </Text>
          )}
        </Stack>
        {d && <LetterMenu id={id} hasModel={d.model !== null} />}
      </Group>
      {detail.error && <ErrorAlert error={detail.error} />}
      {evaluation.error && <ErrorAlert error={evaluation.error} />}
      {evaluation.isPending && !evaluation.error && <Skeleton h={240} />}
      {evaluation.data && <EvaluationGroups evaluation={evaluation.data} />}
      {detail.isPending && !detail.error && <Skeleton h={240} />}
      {d && (
        <Paper withBorder p="md">
          <Tabs defaultValue="answers" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="answers">{t('disclosureUi.tabs.answers', { count: d.answers.length })}</Tabs.Tab>
              <Tabs.Tab value="notes">{t('disclosureUi.tabs.notes', { count: d.notes.length })}</Tabs.Tab>
              <Tabs.Tab value="warnings">{t('disclosureUi.tabs.warnings', { count: d.problems.length })}</Tabs.Tab>
              <Tabs.Tab value="ports">{t('disclosureUi.tabs.ports')}</Tabs.Tab>
              <Tabs.Tab value="header">{t('disclosureUi.header.title')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="answers" pt="sm">
              <AnswersTable answers={d.answers} />
            </Tabs.Panel>
            <Tabs.Panel value="notes" pt="sm">
              {d.notes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('disclosureUi.notes.none')}
                </Text>
              ) : (
                <List size="sm" spacing={4} aria-label={t('disclosureUi.notes.title')}>
                  {d.notes.map((n) => (
                    <List.Item key={n.number}>
                      <Text span fw={600} size="sm">
                        {t('disclosureUi.notes.number', { number: n.number })}
                      </Text>{' '}
                      <Text span size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {n.text}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="warnings" pt="sm">
              {d.problems.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('disclosureUi.import.noWarnings')}
                </Text>
              ) : (
                <DisclosureProblemTable problems={d.problems} label={t('disclosureUi.import.warningTable')} />
              )}
            </Tabs.Panel>
            <Tabs.Panel value="ports" pt="sm">
              <DeclaredPortsTable ports={d.declaredPorts} />
            </Tabs.Panel>
            <Tabs.Panel value="header" pt="sm">
              <HeaderTable disclosure={d} />
            </Tabs.Panel>
          </Tabs>
        </Paper>
      )}
    </Stack>
  )
}
