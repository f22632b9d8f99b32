import type { ManualDisclosure } from '../../api/disclosure.js'
import type { Actor } from '../core/actor.js'
import type { DeclaredPort } from '../core/disclosures/disclosure.js'
import type { Services } from '../services/index.js'
import { MODELS, VENDORS } from './catalog.js'

type Answer = ManualDisclosure['answers'][number]
const yes = (questionId: string): Answer => ({ questionId, value: 'yes' })
const port = (p: number, transport: 'tcp' | 'udp', service: string, purpose: string, tls = false): DeclaredPort => ({
  port: p,
  transport,
  direction: transport === 'udp' && p === 123 ? 'out' : 'in',
  service,
  purpose,
  tls,
})
const no = (questionId: string, comment?: string): Answer => ({ questionId, value: 'no', comment: comment ?? null })

/**
 * The three monitors of the demo tender, as their (fictional) manufacturers' MDS2 forms would answer, typed in by
 * hand as a hospital does from a PDF. The current model answers well; the old one has fixed passwords, no SBOM and no
 * support for patches — what a clinical engineer sees side by side in the procurement comparison and what the
 * acceptance test compares the scan with. Ports are declared in a note, as real forms do.
 */
const CENTRAL = [port(7000, 'tcp', 'vendor', 'central station'), port(7001, 'tcp', 'vendor', 'central station')]

const FORMS: {
  vendor: string
  model: string
  answers: Answer[]
  ports: string
  declared: DeclaredPort[]
  release: string
}[] = [
  {
    vendor: VENDORS.toho.name,
    model: MODELS.monitorNew.model,
    release: '2026-04-01',
    ports: 'TCP 7000, TCP 7001 (central station), UDP 123 (NTP)',
    // The current model encrypts its central-station link; the old one does not.
    declared: [
      port(7000, 'tcp', 'vendor (TLS)', 'central station', true),
      port(7001, 'tcp', 'vendor (TLS)', 'central station', true),
      port(123, 'udp', 'NTP', 'time synchronisation'),
    ],
    answers: [
      yes('PAUT-1'),
      yes('PAUT-5'),
      yes('PAUT-3'),
      yes('SBOM-1'),
      yes('CSUP-1'),
      yes('CSUP-2.1'),
      yes('CSUP-7'),
      yes('CONN-2'),
      no('RMOT-1'),
    ],
  },
  {
    vendor: VENDORS.sakura.name,
    model: MODELS.monitorSakura.model,
    release: '2025-10-15',
    ports: 'TCP 2000, TCP 2001 (gateway), UDP 161 (SNMP)',
    declared: [
      port(2000, 'tcp', 'vendor', 'gateway'),
      port(2001, 'tcp', 'vendor', 'gateway'),
      port(161, 'udp', 'SNMP', 'monitoring'),
    ],
    answers: [
      yes('PAUT-1'),
      no('PAUT-5', 'Service password is fixed per model.'),
      yes('SBOM-1'),
      yes('CSUP-1'),
      yes('CONN-2'),
      yes('RMOT-1'),
    ],
  },
  {
    vendor: VENDORS.toho.name,
    model: MODELS.monitorOld.model,
    release: '2019-06-30',
    ports: 'TCP 7000, TCP 7001 (central station)',
    declared: CENTRAL,
    answers: [
      no('PAUT-1', 'Shared accounts only.'),
      no('PAUT-5', 'Fixed service password.'),
      no('PAUT-3'),
      no('SBOM-1'),
      no('CSUP-7'),
      yes('CONN-2'),
      yes('RMOT-1'),
    ],
  },
]

/**
 * The demo hospital's model catalog for its monitors (issue 11): the three models of the tender, each with an MDS2
 * typed in, and the ledger's devices of those models linked and confirmed (as a person confirms the suggestions), so
 * the procurement comparison and the acceptance test read real disclosures. A disclosure already on file is kept.
 */
export async function seedDemoCatalog(s: Services, actor: Actor, _opts: { reset: boolean }): Promise<string | null> {
  let forms = 0
  let linked = 0
  for (const f of FORMS) {
    const model = await s.catalog.resolveOrCreate(actor, { manufacturer: f.vendor, model: f.model })
    if ((await s.disclosures.list({ modelId: model.id })).length === 0) {
      await s.disclosures.importManual(actor, {
        modelId: model.id,
        form: 'mds2-2019',
        header: { manufacturer: f.vendor, model: f.model, releaseDate: f.release },
        answers: f.answers,
        notes: [{ number: 1, text: `Network ports: ${f.ports}` }],
      })
      // The port list of the form's note, as the hospital enters it on the model (機種 → 申告ポート).
      await s.disclosureDocuments.setDeclaredPorts(actor, model.id, f.declared)
      forms++
    }
  }
  // A person confirms the catalog's suggestions for these models (maker and model match the ledger exactly).
  await s.catalog.suggestLinks(actor)
  for (const f of FORMS) {
    const model = await s.catalog.resolveOrCreate(actor, { manufacturer: f.vendor, model: f.model })
    linked += await s.catalog.confirmSuggestions(actor, model.id)
  }
  return forms + linked > 0
    ? `catalog: ${FORMS.length} monitor models, ${forms} MDS2 forms typed in, ${linked} devices linked / 機種カタログ: モニタ ${FORMS.length} 機種、MDS2 ${forms} 件、機器 ${linked} 台を紐付け`
    : null
}
