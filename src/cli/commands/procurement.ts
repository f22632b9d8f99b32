import type { Command } from 'commander'

/** `mamori procurement requirements, bids, compare` (issue 11). */
export function register(_program: Command): void {}
