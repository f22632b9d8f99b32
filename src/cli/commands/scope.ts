import type { Command } from 'commander'
import { cliActor } from '../actor.js'
import { report, withServices } from '../context.js'
import { table } from '../table.js'

export function register(program: Command): void {
  const scope = program.command('scope').description('Approved scan scopes and exclusions / スキャン許可範囲と除外')
  scope
    .command('add <target>')
    .description('Approve a scope: CIDR (10.1.2.0/24), range (10.1.2.10-20) or address')
    .option('--label <text>', 'what the range is, e.g. "ICU monitors VLAN 110"')
    .option('-y, --yes', 'confirm a scope of more than 1,024 addresses (e.g. a /16, 0.0.0.0/0, ::/0)')
    .action(async (target: string, opts: { label?: string; yes?: boolean }, cmd: Command) => {
      await withServices(cmd, async ({ scopes }) => {
        const s = await scopes.approve(target, { label: opts.label, confirmLarge: opts.yes === true }, cliActor())
        report(cmd, s, () => `Approved scope ${s.target}${s.label ? ` (${s.label})` : ''}.`)
      })
    })
  scope
    .command('list')
    .description('List approved scopes and exclusions')
    .action(async (_o: unknown, cmd: Command) => {
      await withServices(cmd, async (services) => {
        const [scopes, exclusions] = await Promise.all([services.scopes.scopes(), services.scopes.exclusions()])
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
      await withServices(cmd, async ({ scopes }) => {
        await scopes.withdraw(target, cliActor())
        report(cmd, { removed: target }, () => `Withdrew scope ${target}.`)
      })
    })
  scope
    .command('exclude <address>')
    .description('Never scan this address or range (e.g. life support)')
    .option('--reason <text>', 'why, e.g. "ventilator, ICU bed 3"')
    .action(async (address: string, opts: { reason?: string }, cmd: Command) => {
      await withServices(cmd, async ({ scopes }) => {
        const e = await scopes.exclude(address, opts.reason ?? null, cliActor())
        report(cmd, e, () => `Excluded ${e.address} from every scan.`)
      })
    })
  scope
    .command('include <address>')
    .description('Remove an exclusion')
    .action(async (address: string, _o: unknown, cmd: Command) => {
      await withServices(cmd, async ({ scopes }) => {
        await scopes.include(address, cliActor())
        report(cmd, { included: address }, () => `Removed the exclusion of ${address}.`)
      })
    })
}
