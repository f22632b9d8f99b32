import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LetterSender } from '../../../../api/disclosure.js'
import { isAdmin, useAuth } from '../../auth.js'
import { ErrorAlert, PageHeader } from '../../components/common.js'
import { disclosureKeys, disclosuresApi } from '../../data/disclosures.js'
import { DisclosureCrumbs } from './parts.js'

const FIELDS = ['name', 'department', 'address', 'contactPerson', 'email', 'phone'] as const
type Field = (typeof FIELDS)[number]
type Values = Record<Field, string>

const EMPTY: Values = { name: '', department: '', address: '', contactPerson: '', email: '', phone: '' }

function toValues(s: LetterSender | null | undefined): Values {
  if (!s) return EMPTY
  return {
    name: s.name,
    department: s.department ?? '',
    address: s.address ?? '',
    contactPerson: s.contactPerson ?? '',
    email: s.email ?? '',
    phone: s.phone ?? '',
  }
}

/**
 * Who letters to manufacturers come from (admin): the hospital's name, department, address, contact person, e-mail
 * and phone, printed at the top of every letter in both languages.
 */
export function LetterSenderPage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  const qc = useQueryClient()
  const admin = isAdmin(user)
  const q = useQuery({ queryKey: disclosureKeys.sender(), queryFn: disclosuresApi.sender, enabled: admin })
  const [values, setValues] = useState<Values>(EMPTY)
  useEffect(() => setValues(toValues(q.data)), [q.data])
  const save = useMutation({
    mutationFn: disclosuresApi.saveSender,
    onSuccess: (s) => qc.setQueryData(disclosureKeys.sender(), s),
  })
  const submit = () => {
    const opt = (f: Exclude<Field, 'name'>) => values[f].trim() || null
    save.mutate({
      name: values.name.trim(),
      department: opt('department'),
      address: opt('address'),
      contactPerson: opt('contactPerson'),
      email: opt('email'),
      phone: opt('phone'),
    })
  }

  return (
    <Stack gap="md">
      <DisclosureCrumbs here={t('disclosureUi.sender.title')} />
      <PageHeader title={t('disclosureUi.sender.title')} />
      {!admin ? (
        <Alert color="gray">{t('common.adminOnly')}</Alert>
      ) : (
        <Paper withBorder p="md" maw={640}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('disclosureUi.sender.intro')}
            </Text>
            {q.error && <ErrorAlert error={q.error} />}
            {q.isPending ? (
              <Skeleton h={240} />
            ) : (
              FIELDS.map((f) =>
                f === 'address' ? (
                  <Textarea
                    key={f}
                    label={t(`disclosureUi.sender.${f}`)}
                    autosize
                    minRows={2}
                    value={values[f]}
                    onChange={(e) => {
                      const v = e.currentTarget.value
                      setValues((old) => ({ ...old, [f]: v }))
                    }}
                  />
                ) : (
                  <TextInput
                    key={f}
                    label={t(`disclosureUi.sender.${f}`)}
                    required={f === 'name'}
                    type={f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}
                    value={values[f]}
                    onChange={(e) => {
                      const v = e.currentTarget.value
                      setValues((old) => ({ ...old, [f]: v }))
                    }}
                  />
                ),
              )
            )}
            {save.error && <ErrorAlert error={save.error} />}
            {save.isSuccess && (
              <Alert color="teal" role="status">
                {t('disclosureUi.sender.saved')}
              </Alert>
            )}
            <Group>
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                disabled={!values.name.trim()}
                loading={save.isPending}
                onClick={submit}
              >
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
