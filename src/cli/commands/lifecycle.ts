import type { Command } from 'commander'

/** `mamori lifecycle calendar|rescan-due|timeline` (issue 11). */
export function register(_program: Command): void {}
