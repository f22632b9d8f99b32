import type { Command } from 'commander'

/** `mamori actions …` (issue 10). */
export function register(_program: Command): void {}
