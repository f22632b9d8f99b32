import type { Command } from 'commander'

/** `mamori capture import FILE [--json]` and `mamori capture live --interface IF …` (issue 12). */
export function register(_program: Command): void {}
