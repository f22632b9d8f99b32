/**
 * Crosswalk of the MHLW checklist items to two US frameworks — **Mamori's own mapping**, not published by MHLW, NIST
 * or HHS; it shows which outcome of each framework an item serves, for hospitals that report against them too.
 *
 * Sources:
 * - NIST, "The NIST Cybersecurity Framework (CSF) 2.0", NIST CSWP 29, 2024-02-26 (subcategory ids such as ID.AM-01
 *   "Inventories of hardware managed by the organization are maintained").
 * - U.S. Department of Health and Human Services, "Healthcare and Public Health Sector-Specific Cybersecurity
 *   Performance Goals" (HPH CPGs), 2024-01: 10 Essential and 10 Enhanced goals, numbered here in HHS's order.
 *
 * Keyed by the printed item number; the vendor form shares the hospital form's numbering and so its mapping.
 */

export const HPH_CPG = {
  E1: 'Essential 1 (Mitigate known vulnerabilities)',
  E2: 'Essential 2 (Email security)',
  E3: 'Essential 3 (Multifactor authentication)',
  E4: 'Essential 4 (Basic cybersecurity training)',
  E5: 'Essential 5 (Strong encryption)',
  E6: 'Essential 6 (Revoke credentials for departing workforce members)',
  E7: 'Essential 7 (Basic incident planning and preparedness)',
  E8: 'Essential 8 (Unique credentials)',
  E9: 'Essential 9 (Separate user and privileged accounts)',
  E10: 'Essential 10 (Vendor/supplier cybersecurity requirements)',
  X1: 'Enhanced 1 (Asset inventory)',
  X2: 'Enhanced 2 (Third-party vulnerability disclosure)',
  X3: 'Enhanced 3 (Third-party incident reporting)',
  X4: 'Enhanced 4 (Cybersecurity testing)',
  X5: 'Enhanced 5 (Cybersecurity mitigation)',
  X6: 'Enhanced 6 (Detect and respond to relevant threats and TTPs)',
  X7: 'Enhanced 7 (Network segmentation)',
  X8: 'Enhanced 8 (Centralized log collection)',
  X9: 'Enhanced 9 (Centralized incident planning and preparedness)',
  X10: 'Enhanced 10 (Configuration management)',
} as const

type Cpg = keyof typeof HPH_CPG

const map = (nistCsf: string[], cpg: Cpg[]) => ({ nistCsf, hphCpg: cpg.map((c) => HPH_CPG[c]) })

export const CROSSWALK: Record<string, { nistCsf: string[]; hphCpg: string[] }> = {
  前提: map(['ID.AM-02'], []),
  '1-①': map(['GV.RR-02'], []),
  '1-②': map(['GV.PO-01', 'GV.PO-02'], []),
  '2-①': map(['ID.AM-01', 'ID.AM-02'], ['X1']),
  '2-②': map(['GV.SC-05', 'PR.IR-01'], ['E10']),
  '2-③': map(['GV.SC-05', 'GV.SC-07', 'ID.RA-01'], ['E10', 'X2']),
  '2-④': map(['PR.AA-05', 'GV.RR-02'], ['E9']),
  '2-⑤': map(['PR.AA-01', 'PR.AA-05'], ['E6']),
  '2-⑥': map(['PR.PS-02', 'ID.RA-01'], ['E1', 'X5']),
  '2-⑦': map(['PR.AA-01', 'PR.AA-03'], []),
  '2-⑧': map(['PR.AA-01'], ['E8']),
  '2-⑨': map(['PR.PS-01', 'PR.DS-01'], ['X10']),
  '2-⑩': map(['PR.AA-03'], ['E3']),
  '2-⑪': map(['PR.PS-04', 'DE.CM-03'], ['X8']),
  '2-⑫': map(['PR.PS-01', 'PR.PS-02'], ['X10']),
  '2-⑬': map(['PR.IR-01', 'PR.AA-05'], ['X7']),
  '3-①': map(['RS.CO-02', 'RS.CO-03'], ['E7', 'X3']),
  '3-②': map(['PR.DS-11', 'RC.RP-01', 'RC.RP-03'], ['E7']),
  '3-③': map(['ID.IM-04', 'RC.RP-01'], ['E7', 'X9']),
}

/** The crosswalk of an item id, or empty lists for an id Mamori has not mapped (e.g. a new edition's new item). */
export const crosswalkOf = (id: string) => CROSSWALK[id] ?? { nistCsf: [], hphCpg: [] }
