import { Badge, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * A titled list of addresses (or "address port/transport" entries) as badges, with the count in the title and a
 * "none" line when empty: the drift panel's new/vanished hosts and opened/closed ports.
 */
export function AddressListPanel({ title, items, color }: { title: string; items: readonly string[]; color: string }) {
  const { t } = useTranslation()
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {title} ({items.length})
      </Text>
      {items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('drift.none')}
        </Text>
      ) : (
        <Group gap={4}>
          {items.map((a) => (
            <Badge key={a} color={color} variant="light" className="mono">
              {a}
            </Badge>
          ))}
        </Group>
      )}
    </div>
  )
}
