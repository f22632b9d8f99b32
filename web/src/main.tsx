import '@mantine/core/styles.css'
import '@mantine/charts/styles.css'
import './i18n/index.js'
import './app.css'
import { createTheme, FileInput, MantineProvider, MultiSelect, Pagination, Select, TagsInput } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode, StrictMode, useMemo } from 'react'
import { createRoot } from 'react-dom/client'
import { useTranslation } from 'react-i18next'
import { BrowserRouter } from 'react-router-dom'
import { App } from './App.js'
import { ApiError } from './api.js'
import { AuthProvider } from './auth.js'
import { startBootRequests } from './boot.js'

// Japanese fonts first that each platform ships (Hiragino on macOS, Yu Gothic/Meiryo on Windows, Noto CJK on Linux).
const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo, "Noto Sans JP", "Noto Sans CJK JP", Roboto, "Helvetica Neue", Arial, sans-serif'

/**
 * The theme depends on the language: Mantine's clear buttons and pagination arrows have no text, so they get
 * translated aria-labels here, once for every Select, TagsInput, FileInput and Pagination in the app.
 */
function ThemedApp({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation()
  const lng = i18n.language
  const theme = useMemo(() => {
    const clearButtonProps = { 'aria-label': t('common.clear', { lng }) }
    return createTheme({
      primaryColor: 'indigo',
      fontFamily: FONT,
      headings: { fontFamily: FONT },
      defaultRadius: 'sm',
      focusRing: 'auto',
      components: {
        Select: Select.extend({ defaultProps: { clearButtonProps } }),
        MultiSelect: MultiSelect.extend({ defaultProps: { clearButtonProps } }),
        TagsInput: TagsInput.extend({ defaultProps: { clearButtonProps } }),
        FileInput: FileInput.extend({ defaultProps: { clearButtonProps } }),
        Pagination: Pagination.extend({
          defaultProps: { getControlProps: (control) => ({ 'aria-label': t(`common.page.${control}`, { lng }) }) },
        }),
      },
    })
  }, [t, lng])
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {children}
    </MantineProvider>
  )
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx (no permission, not found, validation) only delays the message the user needs to see.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
})

startBootRequests(queryClient, window.location)

const rootElement = document.getElementById('root')
if (rootElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <ThemedApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <App />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </ThemedApp>
    </StrictMode>,
  )
}
