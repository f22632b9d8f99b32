import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './precompress.js'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * The web UI is built into dist/web and served by the Mamori server itself (same origin, so the session cookie and
 * CSRF token work without CORS). In development `vite --config web/vite.config.ts` proxies /api to a local server.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Target 4 of issue 7: no JS or CSS file over 300 KB compressed (test/api/static-delivery.test.ts checks it).
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Libraries every screen needs get chunks of their own: they change less often than the app, so after an
        // upgrade the browser keeps them (immutable caching of /assets/). Libraries only lazy pages use (recharts,
        // the charts) stay with those pages, so the first screen does not download them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // MAMORI_API points the dev server (and `vite preview`) at another local Mamori, e.g. a test server.
    proxy: { '/api': process.env.MAMORI_API ?? 'http://127.0.0.1:3000' },
  },
})
