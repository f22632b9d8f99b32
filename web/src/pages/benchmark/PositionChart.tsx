import { Box, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { BenchmarkPosition } from '../../data/benchmark.js'

type PositionItem = BenchmarkPosition['items'][number]

/** A number as the indicator's unit reads it: 42.0%, 3.1 per 100, 14 days. */
export function formatIndicator(value: number | null, unit: string, lang: string): string {
  if (value === null) return '—'
  const n = value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 1 })
  if (unit === 'percent') return `${n}%`
  return n
}

/**
 * A bullet chart for one indicator: the cohort's middle half (p25–p75) as a band, the median as a line and this
 * hospital's value as a dot, on a scale that holds all of them. The figures are also written out in words for
 * screen readers and for printing.
 */
export function BulletChart({ item }: { item: PositionItem }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const values = [item.p25, item.p75, item.median, item.value].filter((v): v is number => v !== null)
  const lo = Math.min(0, ...values)
  // Percentages on 0–100; other units with a little room so the highest mark is not on the edge.
  let hi = item.unit === 'percent' ? Math.max(...values, 100) : Math.max(...values, 1) * 1.1
  if (hi === lo) hi = lo + 1
  const x = (v: number) => `${((v - lo) / (hi - lo)) * 100}%`
  const words = item.suppressed
    ? t('benchmarkUi.position.suppressedWords')
    : t('benchmarkUi.position.words', {
        value: formatIndicator(item.value, item.unit, lang),
        median: formatIndicator(item.median, item.unit, lang),
        p25: formatIndicator(item.p25, item.unit, lang),
        p75: formatIndicator(item.p75, item.unit, lang),
        percentile: item.percentile === null ? '—' : Math.round(item.percentile),
      })
  return (
    <Box>
      <Box
        role="img"
        aria-label={words}
        pos="relative"
        h={28}
        bg="gray.1"
        style={{ borderRadius: 4 }}
        data-chart={item.id}
      >
        {!item.suppressed && item.p25 !== null && item.p75 !== null && (
          <Box
            pos="absolute"
            top={6}
            h={16}
            bg="indigo.2"
            style={{ left: x(item.p25), width: `calc(${x(item.p75)} - ${x(item.p25)})`, borderRadius: 2 }}
          />
        )}
        {!item.suppressed && item.median !== null && (
          <Box pos="absolute" top={2} h={24} w={2} bg="indigo.8" style={{ left: x(item.median) }} />
        )}
        {item.value !== null && (
          <Box
            pos="absolute"
            top={8}
            h={12}
            w={12}
            bg="orange.6"
            style={{ left: `calc(${x(item.value)} - 6px)`, borderRadius: 6, border: '2px solid white' }}
          />
        )}
      </Box>
      <Group justify="space-between" mt={2}>
        <Text size="xs" c="dimmed">
          {formatIndicator(lo, item.unit, lang)}
        </Text>
        <Text size="xs">{words}</Text>
        <Text size="xs" c="dimmed">
          {formatIndicator(hi, item.unit, lang)}
        </Text>
      </Group>
    </Box>
  )
}
