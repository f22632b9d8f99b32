import '@mantine/core/styles.css'
import '@mantine/charts/styles.css'
import './i18n/index.js'
import './app.css'
import { createTheme, MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { App } from './App.js'
import { ApiError } from './api.js'
import { AuthProvider } from './auth.js'

// Japanese fonts first that each platform ships (Hiragino on macOS, Yu Gothic/Meiryo on Windows, Noto CJK on Linux).
const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo, "Noto Sans JP", "Noto Sans CJK JP", Roboto, "Helvetica Neue", Arial, sans-serif'

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  defaultRadius: 'sm',
  focusRing: 'auto',
})

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

const rootElement = document.getElementById('root')
if (rootElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <App />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  )
}
