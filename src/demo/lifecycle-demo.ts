import type { Actor } from '../core/actor.js'
import type { Services } from '../services/index.js'
import { seedDemoAcceptance } from './acceptance-demo.js'
import { seedDemoBcp } from './bcp-demo.js'
import { seedDemoBcpPlans } from './bcp-plans-demo.js'
import { seedDemoCatalog } from './catalog-demo.js'
import { seedDemoOperations } from './operations-demo.js'
import { seedDemoProcurement } from './procurement-demo.js'
import { seedDemoTraffic } from './traffic-demo.js'

/**
 * Issue 11 on the demo hospital: the monitors' catalog models with their MDS2 forms, procurement, operations, continuity, then acceptance and decommissioning (which read
 * the continuity plan), each through its module's services. Runs after the ledger and the demo scan are loaded.
 * Returns one summary line per module that loaded something.
 */
export async function loadLifecycleDemo(s: Services, actor: Actor, opts: { reset: boolean }): Promise<string[]> {
  const lines: string[] = []
  for (const seed of [
    seedDemoCatalog,
    seedDemoProcurement,
    seedDemoOperations,
    seedDemoBcp,
    seedDemoBcpPlans,
    seedDemoAcceptance,
    // Issue 12: one synthetic listening period, so the communications map is not empty.
    seedDemoTraffic,
  ]) {
    const line = await seed(s, actor, opts)
    if (line) lines.push(line)
  }
  return lines
}
