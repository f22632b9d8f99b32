import type { ServicePorts } from '../index.js'
import type { ContinuityReader, ModuleCommon } from '../module-common.js'

/** Playbooks, the contact chain, exercises and downtime cards (issue 11 part 5), spread into `buildServices`. */
export function bcpPlansModule(_ports: ServicePorts, _common: ModuleCommon, _continuity: ContinuityReader) {
  return {}
}
