import type { FindingDraft, FindingItem } from '../findings/finding.js'
import type { DisclosureEvaluation } from './disclosure.js'
import { citeEvidence } from './rules/cite.js'

/** The ledger facts of one device that the disclosure findings need. Dates are ISO (yyyy-mm-dd). */
export interface DisclosureDevice {
  id: string
  siteId: string
  serviceLifeEnd: string | null
  supportEnd: string | null
}

export interface DeviceFindingsContext {
  disclosureId: string
  /** How people name the model ("Nihon Kohden BSM-6501"). */
  modelLabel: string
  /** ISO date (yyyy-mm-dd) the findings are made on. */
  today: string
}

export const SUPPORT_END_RULE = 'support-end-before-service-life'

/**
 * The findings of one model's evaluation, as they apply to one device of that model (source `disclosure`): one
 * item per evaluation finding, key `${device.id}|${ruleId}`, evidence quoting the answers ("PAUT-1: No (Optional)").
 * Plus `support-end-before-service-life` when the manufacturer's support ends before the device's service life
 * does (medium), or has already ended while the device is still in use (high). Pure; the drafts of one evaluation
 * are shared (frozen) between the devices' items.
 */
export function deviceFindings(
  evaluation: DisclosureEvaluation,
  device: DisclosureDevice,
  ctx: DeviceFindingsContext,
): FindingItem[] {
  const out: FindingItem[] = []
  for (const draft of modelDrafts(evaluation, ctx)) {
    out.push({ key: `${device.id}|${draft.ruleId}`, deviceId: device.id, siteId: device.siteId, draft })
  }
  const support = supportEndFinding(device, ctx)
  if (support) out.push(support)
  return out
}

// Every device of a model gets the same drafts: build them once per evaluation (and disclosure/model label) and
// share them, frozen, between the devices' items. 10,000 devices would otherwise build (and keep until the upsert)
// 10,000 copies of the same texts; see bench/disclosure-evaluate.ts.
const draftCache = new WeakMap<DisclosureEvaluation, { tag: string; drafts: readonly FindingDraft[] }>()

function modelDrafts(evaluation: DisclosureEvaluation, ctx: DeviceFindingsContext): readonly FindingDraft[] {
  const tag = `${ctx.disclosureId}\u0000${ctx.modelLabel}`
  const cached = draftCache.get(evaluation)
  if (cached?.tag === tag) return cached.drafts
  const source = `Disclosure ${ctx.disclosureId} (${ctx.modelLabel})`
  const prefixJa = `機種 ${ctx.modelLabel} の製造業者開示書より: `
  const prefixEn = `From the manufacturer's disclosure for ${ctx.modelLabel}: `
  const drafts = evaluation.findings.map(
    (f): FindingDraft =>
      Object.freeze({
        ruleId: f.ruleId,
        severity: f.severity,
        titleJa: f.titleJa,
        titleEn: f.titleEn,
        detailJa: prefixJa + f.detailJa,
        detailEn: prefixEn + f.detailEn,
        recommendationJa: f.recommendationJa,
        recommendationEn: f.recommendationEn,
        address: null,
        port: null,
        evidence: `${source}\n${citeEvidence(f.citations)}`,
        incomplete: false,
      }),
  )
  draftCache.set(evaluation, { tag, drafts })
  return drafts
}

function supportEndFinding(device: DisclosureDevice, ctx: DeviceFindingsContext): FindingItem | null {
  const { supportEnd, serviceLifeEnd } = device
  if (!supportEnd) return null
  // ISO dates compare as text.
  // A device past its service life is a different matter (replacement), not a support gap.
  if (serviceLifeEnd !== null && serviceLifeEnd < ctx.today) return null
  const ended = supportEnd < ctx.today
  if (!ended && (serviceLifeEnd === null || supportEnd >= serviceLifeEnd)) return null
  const lifeJa = serviceLifeEnd ? `耐用期限 ${serviceLifeEnd}` : '耐用期限は台帳に未記録'
  const lifeEn = serviceLifeEnd ? `service life ends ${serviceLifeEnd}` : 'service life end not recorded'
  const text = ended
    ? {
        titleJa: '製造業者のサポートが終了した機器を使用しています',
        titleEn: "Device in use after the manufacturer's support ended",
        detailJa: `機種 ${ctx.modelLabel} のこの機器は、製造業者のサポートが ${supportEnd} に終了していますが、まだ使用されています(${lifeJa})。新しい脆弱性が見つかってもパッチは提供されません。`,
        detailEn: `Support for this ${ctx.modelLabel} device ended on ${supportEnd}, but it stays in use (${lifeEn}). No patches will come for newly found vulnerabilities.`,
        recommendationJa:
          '更新(買い替え)の計画を立て、それまでは専用の区画に隔離して通信相手を限定してください。延長サポートの有無を製造業者に確認してください。',
        recommendationEn:
          'Plan the replacement; until then isolate the device in a dedicated segment and limit its peers. Ask the manufacturer whether extended support is available.',
      }
    : {
        titleJa: '製造業者のサポートが耐用期限より先に終わります',
        titleEn: "Manufacturer support ends before the device's service life",
        detailJa: `機種 ${ctx.modelLabel} のこの機器は、製造業者のサポートが ${supportEnd} に終わりますが、耐用期限は ${serviceLifeEnd} です。その間はパッチが提供されないまま使うことになります。`,
        detailEn: `Support for this ${ctx.modelLabel} device ends on ${supportEnd}, but its service life runs to ${serviceLifeEnd}. In between it would be used without patches.`,
        recommendationJa:
          'サポート延長の可否を製造業者に確認し、サポート終了までに更新するか、終了後の隔離などの対策を計画してください。',
        recommendationEn:
          'Ask the manufacturer whether support can be extended, and either replace the device before support ends or plan how to isolate it afterwards.',
      }
  return {
    key: `${device.id}|${SUPPORT_END_RULE}`,
    deviceId: device.id,
    siteId: device.siteId,
    draft: {
      ruleId: SUPPORT_END_RULE,
      severity: ended ? 'high' : 'medium',
      ...text,
      address: null,
      port: null,
      evidence: `supportEnd: ${supportEnd}; serviceLifeEnd: ${serviceLifeEnd ?? 'not recorded'}; today: ${ctx.today}`,
      incomplete: false,
    },
  }
}
