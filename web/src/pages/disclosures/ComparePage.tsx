import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  ScrollArea,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import type { ModelComparison } from '../../../../api/disclosure.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { disclosureKeys, disclosuresApi } from '../../data/disclosures.js'
import { useModelOptions } from './ImportDisclosure.js'
import { answerColor, DisclosureCrumbs, ModelLink, useAnswerLabel, useIsEnglish } from './parts.js'

type Column = ModelComparison['models'][number]

const COUNT_ROWS = ['critical', 'high', 'medium', 'low', 'info', 'controls', 'questions'] as const

/** The per-model figures: disclosure on file, finding counts by severity, controls, questions, SBOM, CVD, ports. */
function CountsTable({ models }: { models: readonly Column[] }) {
  const { t } = useTranslation()
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'))
  const label = (k: (typeof COUNT_ROWS)[number]) =>
    k === 'controls' || k === 'questions' ? t(`disclosureUi.eval.${k}`) : t(`enums.severity.${k}`)
  return (
    <Table fz="sm" withColumnBorders aria-label={t('disclosureUi.compare.counts')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          {models.map((m) => (
            <Table.Th key={m.model.id}>
              <ModelLink model={m.model} />
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th>{t('disclosureUi.compare.disclosure')}</Table.Th>
          {models.map((m) => (
            <Table.Td key={m.model.id}>
              {m.disclosure ? (
                <Anchor component={Link} to={`/disclosures/${encodeURIComponent(m.disclosure.id)}`} size="sm">
                  {m.disclosure.header.documentId || t(`disclosureUi.form.${m.disclosure.form}`)}
                </Anchor>
              ) : (
                <Text size="sm" c="red.7">
                  {t('disclosureUi.compare.noDisclosure')}
                </Text>
              )}
            </Table.Td>
          ))}
        </Table.Tr>
        {COUNT_ROWS.map((k) => (
          <Table.Tr key={k}>
            <Table.Th>{label(k)}</Table.Th>
            {models.map((m) => (
              <Table.Td key={m.model.id}>{m.counts[k]}</Table.Td>
            ))}
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th>{t('disclosureUi.compare.sbom')}</Table.Th>
          {models.map((m) => (
            <Table.Td key={m.model.id}>{yesNo(m.hasSbom)}</Table.Td>
          ))}
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('disclosureUi.compare.cvd')}</Table.Th>
          {models.map((m) => (
            <Table.Td key={m.model.id}>{yesNo(m.hasCvdProgram)}</Table.Td>
          ))}
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('disclosureUi.compare.ports')}</Table.Th>
          {models.map((m) => (
            <Table.Td key={m.model.id}>{m.declaredPorts}</Table.Td>
          ))}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  )
}

/**
 * Two or more models side by side for procurement: what each disclosure lacks (counts of findings by severity,
 * controls the hospital would need, open questions, SBOM, vulnerability disclosure, declared ports) and every
 * answer, with the questions they answer differently highlighted. The same comparison downloads as Excel.
 */
export function ComparePage() {
  const { t, i18n } = useTranslation()
  const en = useIsEnglish()
  const label = useAnswerLabel()
  const models = useModelOptions()
  const [params, setParams] = useSearchParams()
  const chosen = (params.get('modelIds') ?? '').split(',').filter(Boolean)
  const [onlyDiff, setOnlyDiff] = useState(true)
  const lang = i18n.language.startsWith('en') ? 'en' : 'ja'
  const ready = chosen.length >= 2
  const q = useQuery({
    queryKey: disclosureKeys.compare(chosen, lang),
    queryFn: () => disclosuresApi.compare(chosen, lang),
    enabled: ready,
  })
  const rows = (q.data?.rows ?? []).filter((r) => !onlyDiff || r.differs)

  return (
    <Stack gap="md">
      <DisclosureCrumbs here={t('disclosureUi.compare.title')} />
      <PageHeader title={t('disclosureUi.compare.title')}>
        {ready && (
          <Button
            component="a"
            href={disclosuresApi.compareXlsxUrl(chosen, lang)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('disclosureUi.compare.excel')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('disclosureUi.compare.intro')}
      </Text>
      <MultiSelect
        label={t('disclosureUi.compare.models')}
        placeholder={t('disclosureUi.compare.pick')}
        data={models}
        value={chosen}
        onChange={(ids) => setParams(ids.length ? { modelIds: ids.join(',') } : {})}
        searchable
        clearable
        maxValues={10}
        maw={720}
      />
      {!ready && <Alert color="gray">{t('disclosureUi.compare.needTwo')}</Alert>}
      {q.error && <ErrorAlert error={q.error} />}
      {ready && q.isPending && <Skeleton h={200} />}
      {q.data && (
        <>
          <Paper withBorder p="md">
            <ScrollArea>
              <CountsTable models={q.data.models} />
            </ScrollArea>
          </Paper>
          <Paper withBorder p="md">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h5">
                {t('disclosureUi.compare.answers')}
              </Title>
              <Switch
                label={t('disclosureUi.compare.onlyDiff', { count: q.data.rows.filter((r) => r.differs).length })}
                checked={onlyDiff}
                onChange={(e) => setOnlyDiff(e.currentTarget.checked)}
              />
            </Group>
            <ScrollArea.Autosize mah={600}>
              <Table fz="sm" stickyHeader withColumnBorders aria-label={t('disclosureUi.compare.answers')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={100}>{t('disclosureUi.answers.id')}</Table.Th>
                    <Table.Th>{t('disclosureUi.answers.question')}</Table.Th>
                    {q.data.models.map((m) => (
                      <Table.Th key={m.model.id}>{`${m.model.vendor} ${m.model.name}`}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.questionId} bg={r.differs ? 'yellow.0' : undefined} data-differs={r.differs}>
                      <Table.Td className="mono">{r.questionId}</Table.Td>
                      <Table.Td>{en ? r.textEn : r.textJa}</Table.Td>
                      {r.answers.map((a, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: answers[i] belongs to models[i]
                        <Table.Td key={i}>
                          {a ? (
                            <Stack gap={2}>
                              <Badge variant="light" color={answerColor(a.value)} tt="none">
                                {label(a.value)}
                              </Badge>
                              {a.comment && <Text size="xs">{a.comment}</Text>}
                            </Stack>
                          ) : (
                            <Text size="xs" c="dimmed">
                              {q.data?.models[i]?.disclosure ? label(null) : t('disclosureUi.compare.noDisclosure')}
                            </Text>
                          )}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Paper>
        </>
      )}
    </Stack>
  )
}
