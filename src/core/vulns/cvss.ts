import cvssLibrary from 'ae-cvss-calculator'

/**
 * CVSS vectors (3.0, 3.1, 4.0) to a base score and severity, computed by a maintained calculator
 * (ae-cvss-calculator, Apache-2.0: FIRST's equations incl. the 4.0 macro-vector tables, which nobody should
 * re-type). The library is lenient — it scores half a vector and lets a repeated metric win — so the vector is
 * checked here first: the prefix, every base metric present once with a value the spec allows. Pure; never throws.
 */

export type CvssVersion = '3.0' | '3.1' | '4.0'
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical'
export type ParsedCvss = { version: CvssVersion; baseScore: number; severity: CvssSeverity } | { error: string }

const BASE: Record<'3' | '4', Record<string, string>> = {
  '3': { AV: 'NALP', AC: 'LH', PR: 'NLH', UI: 'NR', S: 'UC', C: 'NLH', I: 'NLH', A: 'NLH' },
  '4': {
    AV: 'NALP',
    AC: 'LH',
    AT: 'NP',
    PR: 'NLH',
    UI: 'NPA',
    VC: 'HLN',
    VI: 'HLN',
    VA: 'HLN',
    SC: 'HLN',
    SI: 'HLN',
    SA: 'HLN',
  },
}

/** FIRST's qualitative rating scale (the same for 3.x and 4.0). */
export function cvssSeverity(score: number): CvssSeverity {
  if (score === 0) return 'none'
  if (score < 4) return 'low'
  if (score < 7) return 'medium'
  if (score < 9) return 'high'
  return 'critical'
}

export function parseCvss(vector: string): ParsedCvss {
  if (typeof vector !== 'string') return { error: 'not text' }
  const text = vector.trim()
  const m = /^CVSS:(3\.0|3\.1|4\.0)\/(.+)$/.exec(text)
  if (!m) {
    if (/^\(?AV:[LAN]\/AC:[HML]\/Au:/.test(text))
      return { error: 'CVSS 2.0 vectors are not scored (only 3.0, 3.1 and 4.0)' }
    return {
      error: `not a CVSS 3.0/3.1/4.0 vector: it must start with "CVSS:3.1/" or "CVSS:4.0/" (found "${text.slice(0, 12)}")`,
    }
  }
  const version = m[1] as CvssVersion
  const base = BASE[version[0] as '3' | '4']
  const seen = new Map<string, string>()
  for (const part of m[2]!.split('/')) {
    const [key, value, extra] = part.split(':')
    if (!key || value === undefined || extra !== undefined) return { error: `"${part}" is not a metric:value pair` }
    if (seen.has(key)) return { error: `metric ${key} appears twice` }
    seen.set(key, value)
  }
  for (const [key, allowed] of Object.entries(base)) {
    const value = seen.get(key)
    if (value === undefined) return { error: `base metric ${key} is missing` }
    if (value.length !== 1 || !allowed.includes(value)) return { error: `${key}:${value} is not a valid value` }
  }
  let scores: { base?: number; baseMetricsOnly?: number } | undefined
  try {
    const parsed = cvssLibrary.fromVector(text)
    scores = parsed?.calculateScores()
  } catch (err) {
    return { error: `the vector cannot be scored: ${String((err as Error).message).slice(0, 80)}` }
  }
  const score = version === '4.0' ? (scores?.baseMetricsOnly ?? scores?.base) : scores?.base
  if (typeof score !== 'number' || !Number.isFinite(score))
    return { error: 'the vector has a metric the calculator does not know' }
  const baseScore = Math.round(score * 10) / 10
  return { version, baseScore, severity: cvssSeverity(baseScore) }
}
