import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * The web UI is built into dist/web and served by the Mamori server itself (same origin, so the session cookie and
 * CSRF token work without CORS). In development `vite --config web/vite.config.ts` proxies /api to a local server.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // MAMORI_API points the dev server (and `vite preview`) at another local Mamori, e.g. a test server.
    proxy: { '/api': process.env.MAMORI_API ?? 'http://127.0.0.1:3000' },
  },
})
