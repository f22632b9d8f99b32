import { ActionIcon, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Field, type FieldContext, ReadField } from './FieldGroup.js'

/** Tags, free notes and the hospital's own custom fields (key/value rows added and removed in place). */
export function NotesSection({ ctx }: { ctx: FieldContext }) {
  const { t } = useTranslation()
  const { form, set, editing, error } = ctx
  const title = t('device.section.notes')
  const setCustom = (i: number, part: 'key' | 'value', v: string) =>
    set(
      'customFields',
      form.customFields.map((x, j) => (j === i ? { ...x, [part]: v } : x)),
    )
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">
        <Field spec={{ kind: 'list', key: 'tags' }} ctx={ctx} />
        {editing ? (
          <Textarea
            label={t('fields.notes')}
            value={form.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            autosize
            minRows={3}
            error={error('notes')}
          />
        ) : (
          <ReadField label={t('fields.notes')}>
            {form.notes && <span style={{ whiteSpace: 'pre-wrap' }}>{form.notes}</span>}
          </ReadField>
        )}
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('fields.customFields')}
          </Text>
          {form.customFields.length === 0 && !editing && (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
          <Stack gap={6}>
            {form.customFields.map((c, i) =>
              editing ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; keys may be blank or repeated while typing
                <Group key={i} gap="xs" align="flex-end">
                  <TextInput
                    label={t('device.customKey')}
                    value={c.key}
                    onChange={(e) => setCustom(i, 'key', e.currentTarget.value)}
                    size="xs"
                    w={200}
                  />
                  <TextInput
                    label={t('device.customValue')}
                    value={c.value}
                    onChange={(e) => setCustom(i, 'value', e.currentTarget.value)}
                    size="xs"
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('device.customRemove', { key: c.key })}
                    onClick={() =>
                      set(
                        'customFields',
                        form.customFields.filter((_, j) => j !== i),
                      )
                    }
                    mb={2}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ) : (
                <ReadField key={c.key} label={c.key}>
                  {c.value}
                </ReadField>
              ),
            )}
          </Stack>
          {error('customFields') && (
            <Text size="xs" c="red" mt={4}>
              {error('customFields')}
            </Text>
          )}
          {editing && (
            <Button
              mt="xs"
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => set('customFields', [...form.customFields, { key: '', value: '' }])}
            >
              {t('device.customAdd')}
            </Button>
          )}
        </div>
      </Stack>
    </Paper>
  )
}
