import type { Command } from 'commander'

/** `mamori risk …` (issue 10). */
export function register(_program: Command): void {}
