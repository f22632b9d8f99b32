import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router-dom'
import { useAuth } from '../auth.js'
import { useErrorMessage } from '../components/common.js'
import { currentLanguage, setLanguage } from '../i18n/index.js'

function fromState(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/login') ? state.from : '/'
  }
  return '/'
}

/** Username/password sign-in. 401 and 429 get their own clear messages (errors.AUTH_INVALID / RATE_LIMITED). */
export function LoginPage() {
  const { t, i18n } = useTranslation()
  const { login } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const errorMessage = useErrorMessage()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await login(username.trim(), password)
      navigate(fromState(location.state), { replace: true })
    } catch (err) {
      setError(err)
      setBusy(false)
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2" c="indigo.7">
                Mamori 守り
              </Title>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
            <Title order={2} size="h4">
              {t('login.title')}
            </Title>
            {error !== null && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {errorMessage(error)}
              </Alert>
            )}
            <TextInput
              label={t('login.username')}
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoFocus
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} disabled={!username || !password} fullWidth>
              {t('login.submit')}
            </Button>
            <SegmentedControl
              size="xs"
              aria-label={t('header.language')}
              value={currentLanguage()}
              onChange={(v) => setLanguage(v === 'en' ? 'en' : 'ja')}
              data={[
                { value: 'ja', label: '日本語' },
                { value: 'en', label: 'English' },
              ]}
              key={i18n.language}
            />
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
