import { alofRules } from './alof.js'
import { audtRules } from './audt.js'
import { authRules } from './auth.js'
import { connRules } from './conn.js'
import { csupRules } from './csup.js'
import { docRules } from './doc.js'
import { dtbkRules } from './dtbk.js'
import { emrgRules } from './emrg.js'
import { mdsSdsRules } from './mds-sds.js'
import { mldpRules } from './mldp.js'
import { pautRules } from './paut.js'
import { plokRules } from './plok.js'
import { rdmpRules } from './rdmp.js'
import { rmotRules } from './rmot.js'
import type { DisclosureRule } from './rule.js'
import { sahdRules } from './sahd.js'
import { sbomRules } from './sbom.js'
import { stcfRules } from './stcf.js'
import { txRules } from './txcf-txig.js'

/**
 * Every evaluation rule, one file per MDS2 section group (plus the JAHIS MDS/SDS). To add a rule, add it to its
 * section's file; a new section file gets one line here. The registry test checks ids, forms, texts and that every
 * question id a rule reads exists in the form's question set.
 */
export const DISCLOSURE_RULES: readonly DisclosureRule[] = [
  ...docRules,
  ...alofRules,
  ...audtRules,
  ...authRules,
  ...csupRules,
  ...dtbkRules,
  ...emrgRules,
  ...mldpRules,
  ...connRules,
  ...pautRules,
  ...plokRules,
  ...rdmpRules,
  ...sbomRules,
  ...sahdRules,
  ...stcfRules,
  ...txRules,
  ...rmotRules,
  ...mdsSdsRules,
]

export type { AnswerLookup, Condition, DisclosureRule, RuleFinding, RuleText } from './rule.js'
export { answerLookup, conditionQuestionIds, matches } from './rule.js'
