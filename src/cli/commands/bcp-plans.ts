import type { Command } from 'commander'

/** `mamori bcp cards|playbook|contacts|exercises` (issue 11), registered onto the `bcp` parent by ./bcp.ts. */
export function registerPlanCommands(_bcp: Command): void {}
