import type { Command } from 'commander'
import { registerPlanCommands } from './bcp-plans.js'

/**
 * `mamori bcp …` (issue 11, continuity): this file holds `services`, `impact` and `seed`; playbooks, contacts,
 * exercises and `cards` are registered from ./bcp-plans.ts onto the same parent.
 */
export function register(program: Command): void {
  const bcp = program
    .command('bcp')
    .description('Continuity (BCP): clinical services, impact, downtime cards / 事業継続計画')
  registerPlanCommands(bcp)
}
