/**
 * Matches become findings (the one Finding model, source `vulnerability`), so the device page, the findings list and
 * the coming risk model see advisories beside scan and disclosure findings. One finding per device and vulnerability:
 * when several products or components tie the same CVE to a device, the most cautious answer speaks. Only what the
 * hospital must act on becomes a finding — affected, or needs review — never what was ruled out or marked false.
 * Pure: matches and facts in, finding items out.
 */
import type { FindingItem, Severity } from '../findings/finding.js'
import { cvssSeverity, parseCvss } from './cvss.js'
import type { CvssScore, Reason, VulnMatch } from './model.js'

export interface MatchFacts {
  cvss: number | null
  kev: { requiredAction: string; ransomware: boolean; dueDate: string | null } | null
  epss: number | null
  /** The advisory's remediations for this vulnerability (vendor_fix, mitigation, workaround, none_available …). */
  remediations: readonly { category: string; details: string }[]
  advisoryTitle: string | null
}

const RANK = { affected: 0, 'needs-review': 1 } as const

/** CVSS base score → the finding's severity; a CVE being exploited (KEV) is critical whatever its score. */
export function severityOf(cvss: number | null, knownExploited: boolean): Severity {
  if (knownExploited) return 'critical'
  // No score at all: not nothing — a medium until someone knows better.
  if (cvss === null) return 'medium'
  const band = cvssSeverity(cvss)
  return band === 'none' ? 'info' : band
}

/**
 * A score as the engine trusts it: the calculator's answer for the vector (FIRST's equations, ae-cvss-calculator),
 * else the number the document printed when its vector cannot be scored.
 */
export function scoreOf(c: CvssScore | null | undefined): number | null {
  if (!c) return null
  const parsed = parseCvss(c.vector)
  if ('baseScore' in parsed) return parsed.baseScore
  return Number.isFinite(c.baseScore) ? c.baseScore : null
}

const REMEDIATION: Record<string, Reason> = {
  vendor_fix: { ja: '製造業者の修正（更新）を適用する', en: "apply the manufacturer's fix (update)" },
  mitigation: { ja: '製造業者の示す緩和策をとる', en: 'apply the mitigation the manufacturer gives' },
  workaround: { ja: '製造業者の示す回避策をとる', en: 'apply the workaround the manufacturer gives' },
  none_available: {
    ja: '修正はまだありません（ネットワーク分離などで守る）',
    en: 'no fix yet (protect it by isolation)',
  },
  no_fix_planned: {
    ja: '修正の予定はありません（分離・更新計画を検討する）',
    en: 'no fix is planned (isolate it, plan its replacement)',
  },
}

const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** The finding items for these matches (`decision` already the effective one: false positives left out by the caller). */
export function vulnerabilityFindingItems(
  matches: readonly (VulnMatch & { siteId: string })[],
  facts: (m: VulnMatch) => MatchFacts,
): FindingItem[] {
  const best = new Map<string, VulnMatch & { siteId: string }>()
  for (const m of matches) {
    if (m.decision !== 'affected' && m.decision !== 'needs-review') continue
    const key = `${m.deviceId}|${m.cve ?? `${m.advisoryId}:${m.reviewKey}`}`
    const had = best.get(key)
    if (!had || RANK[m.decision] < RANK[had.decision as keyof typeof RANK]) best.set(key, m)
  }
  return [...best].map(([key, m]) => {
    const f = facts(m)
    const vuln = m.cve ?? m.advisoryId ?? m.reviewKey
    const where = m.advisoryId && m.cve ? `${m.cve}（${m.advisoryId}）` : vuln
    const whereEn = m.advisoryId && m.cve ? `${m.cve} (${m.advisoryId})` : vuln
    const review = m.decision === 'needs-review'
    const steps = f.remediations.map((r) => {
      const w = REMEDIATION[r.category] ?? { ja: r.category, en: r.category }
      return { ja: `${w.ja}: ${clip(r.details, 200)}`, en: `${w.en}: ${clip(r.details, 200)}` }
    })
    if (f.kev)
      steps.unshift({
        ja: `攻撃に使われている脆弱性です（CISA KEV${f.kev.ransomware ? '、ランサムウェアで使用' : ''}）。最優先で対処してください: ${f.kev.requiredAction}`,
        en: `This vulnerability is being exploited (CISA KEV${f.kev.ransomware ? ', used by ransomware' : ''}). Act first: ${f.kev.requiredAction}`,
      })
    if (steps.length === 0)
      steps.push({
        ja: '製造業者に修正と回避策を問い合わせ、それまでネットワークを分離してください',
        en: 'Ask the manufacturer for a fix and a workaround; isolate the device on the network until then',
      })
    const because = m.reasons
    return {
      key,
      deviceId: m.deviceId,
      siteId: m.siteId,
      draft: {
        ruleId: m.cve ?? `advisory:${m.advisoryId}`,
        severity: review ? 'info' : severityOf(f.cvss, f.kev !== null),
        titleJa: review
          ? `${where}: 該当するか確認が必要です（${m.productLabel}）`
          : `${where}の影響を受けます（${m.productLabel}）`,
        titleEn: review
          ? `${whereEn}: check whether it applies (${m.productLabel})`
          : `Affected by ${whereEn} (${m.productLabel})`,
        detailJa: clip(because.map((r) => r.ja).join('。'), 1500),
        detailEn: clip(because.map((r) => r.en).join('; '), 1500),
        recommendationJa: clip(steps.map((s) => s.ja).join('\n'), 1500),
        recommendationEn: clip(steps.map((s) => s.en).join('\n'), 1500),
        evidence: clip(
          [
            m.advisoryId ? `advisory ${m.advisoryId}` : null,
            m.cve,
            f.cvss !== null ? `CVSS ${f.cvss}` : null,
            f.kev ? 'KEV' : null,
            f.epss !== null ? `EPSS ${f.epss.toFixed(3)}` : null,
            `via ${m.via}`,
            `confidence ${m.confidence.toFixed(2)}`,
          ]
            .filter(Boolean)
            .join(', '),
          500,
        ),
        incomplete: review,
      },
    }
  })
}
