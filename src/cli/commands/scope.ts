import type { Command } from 'commander'
import { checkScopeApproval } from '../../core/discovery/scope-confirm.js'
import { parseTargets } from '../../core/discovery/targets.js'
import { DiscoveryRepository } from '../../storage/discovery-repository.js'
import { cliActor } from '../actor.js'
import { report, withStorage } from '../context.js'
import { table } from '../table.js'

export function register(program: Command): void {
  const scope = program.command('scope').description('Approved scan scopes and exclusions / スキャン許可範囲と除外')
  scope
    .command('add <target>')
    .description('Approve a scope: CIDR (10.1.2.0/24), range (10.1.2.10-20) or address')
    .option('--label <text>', 'what the range is, e.g. "ICU monitors VLAN 110"')
    .option('-y, --yes', 'confirm a scope of more than 1,024 addresses (e.g. a /16, 0.0.0.0/0, ::/0)')
    .action(async (target: string, opts: { label?: string; yes?: boolean }, cmd: Command) => {
      checkScopeApproval(target, opts.yes === true)
      await withStorage(cmd, async (storage) => {
        const s = await new DiscoveryRepository(storage.db).addScope(target, opts.label ?? null, cliActor())
        report(cmd, s, () => `Approved scope ${s.target}${s.label ? ` (${s.label})` : ''}.`)
      })
    })
  scope
    .command('list')
    .description('List approved scopes and exclusions')
    .action(async (_o: unknown, cmd: Command) => {
      await withStorage(cmd, async (storage) => {
        const repo = new DiscoveryRepository(storage.db)
        const [scopes, exclusions] = await Promise.all([repo.scopes(), repo.exclusions()])
        report(cmd, { scopes, exclusions }, () =>
          [
            scopes.length
              ? table([
                  ['SCOPE', 'LABEL', 'APPROVED BY', 'AT'],
                  ...scopes.map((s) => [s.target, s.label ?? '', s.approvedBy, s.approvedAt]),
                ])
              : 'No approved scopes.',
            exclusions.length
              ? table([
                  ['EXCLUDED', 'REASON', 'BY'],
                  ...exclusions.map((e) => [e.address, e.reason ?? '', e.createdBy]),
                ])
              : 'No exclusions.',
          ].join('\n\n'),
        )
      })
    })
  scope
    .command('remove <target>')
    .description('Withdraw an approved scope (by target or id)')
    .action(async (target: string, _o: unknown, cmd: Command) => {
      await withStorage(cmd, async (storage) => {
        await new DiscoveryRepository(storage.db).removeScope(target, cliActor())
        report(cmd, { removed: target }, () => `Withdrew scope ${target}.`)
      })
    })
  scope
    .command('exclude <address>')
    .description('Never scan this address or range (e.g. life support)')
    .option('--reason <text>', 'why, e.g. "ventilator, ICU bed 3"')
    .action(async (address: string, opts: { reason?: string }, cmd: Command) => {
      parseTargets(address)
      await withStorage(cmd, async (storage) => {
        const e = await new DiscoveryRepository(storage.db).addExclusion(address, opts.reason ?? null, cliActor())
        report(cmd, e, () => `Excluded ${e.address} from every scan.`)
      })
    })
  scope
    .command('include <address>')
    .description('Remove an exclusion')
    .action(async (address: string, _o: unknown, cmd: Command) => {
      await withStorage(cmd, async (storage) => {
        await new DiscoveryRepository(storage.db).removeExclusion(address, cliActor())
        report(cmd, { included: address }, () => `Removed the exclusion of ${address}.`)
      })
    })
}
