import { Card, Group, Text, ThemeIcon } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { formatNumber } from './common.js'

/** Props of {@link StatCard}. */
export interface StatCardProps {
  label: string
  /** A count (formatted with the locale's grouping) or a ready text such as "12 / 40". */
  value: number | string
  /** With an icon the card is the dashboard's larger kind: icon on the right, a little more padding. */
  icon?: ReactNode
  /** The icon's colour. */
  color?: string
  /** The number's colour (import counts: teal created, red rejected). */
  valueColor?: string
  /** The whole card links there (the dashboard's cards open the filtered list). */
  to?: string
  /** One more line under the number. */
  hint?: string
  size?: 'lg' | 'xl'
}

/**
 * One number with its label in a bordered card: the dashboard totals, the import counts, a scan's progress
 * figures. One component so that they look and read alike everywhere.
 */
export function StatCard({ label, value, icon, color, valueColor, to, hint, size = 'xl' }: StatCardProps) {
  const { i18n } = useTranslation()
  const shown = typeof value === 'number' ? formatNumber(value, i18n.language) : value
  const body = (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <div>
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
        <Text fw={700} size={size} mt={icon ? 4 : undefined} c={valueColor}>
          {shown}
        </Text>
        {hint && (
          <Text size="xs" c={to ? 'indigo.7' : 'dimmed'} mt={2}>
            {hint}
          </Text>
        )}
      </div>
      {icon && (
        <ThemeIcon variant="light" color={color} size="lg" radius="md">
          {icon}
        </ThemeIcon>
      )}
    </Group>
  )
  const padding = icon ? 'md' : 'sm'
  return to ? (
    <Card withBorder padding={padding} component={Link} to={to} aria-label={`${label}: ${value}`}>
      {body}
    </Card>
  ) : (
    <Card withBorder padding={padding}>
      {body}
    </Card>
  )
}
