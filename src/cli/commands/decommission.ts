import type { Command } from 'commander'

/** `mamori decommission DEVICE` (issue 11). */
export function register(_program: Command): void {}
