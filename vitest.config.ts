import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'api/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most tests wait on sockets, timers and PostgreSQL, so two workers on a 2-core machine (vitest's default is one)
    // run all 1,553 tests in ~10 min; they are safe side by side (each storage test has its own database, each lab
    // its own prefix). More cores: one per core but one, vitest's own default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default'],
  },
})
