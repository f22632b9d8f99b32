import type { Command } from 'commander'
import * as acceptanceCmd from './acceptance.js'
import * as actionsCmd from './actions.js'
import * as advisories from './advisories.js'
import * as backup from './backup.js'
import * as bcpCmd from './bcp.js'
import * as benchmarkCmd from './benchmark.js'
import * as captureCmd from './capture.js'
import * as checklistCmd from './checklist.js'
import * as db from './db.js'
import * as decommissionCmd from './decommission.js'
import * as demo from './demo.js'
import * as devices from './devices.js'
import * as disclosures from './disclosures.js'
import * as feeds from './feeds.js'
import * as findings from './findings.js'
import * as imp from './import.js'
import * as init from './init.js'
import * as jobs from './jobs.js'
import * as lab from './lab.js'
import * as lifecycleCmd from './lifecycle.js'
import * as models from './models.js'
import * as procurementCmd from './procurement.js'
import * as reportCmd from './report.js'
import * as riskCmd from './risk.js'
import * as sbom from './sbom.js'
import * as scan from './scan.js'
import * as scope from './scope.js'
import * as serve from './serve.js'
import * as start from './start.js'
import * as trafficCmd from './traffic.js'
import * as users from './users.js'

/** Each command file exports a `register(program)`; add new commands here, one line each. */
export const COMMANDS: ((program: Command) => void)[] = [
  start.register,
  init.register,
  serve.register,
  devices.register,
  db.register,
  backup.register,
  demo.register,
  lab.register,
  scope.register,
  scan.register,
  findings.register,
  imp.register,
  users.register,
  jobs.register,
  disclosures.register,
  models.register,
  advisories.register,
  sbom.register,
  feeds.register,
  riskCmd.register,
  actionsCmd.register,
  checklistCmd.register,
  benchmarkCmd.register,
  reportCmd.register,
  procurementCmd.register,
  acceptanceCmd.register,
  decommissionCmd.register,
  lifecycleCmd.register,
  bcpCmd.register,
  captureCmd.register,
  trafficCmd.register,
]
