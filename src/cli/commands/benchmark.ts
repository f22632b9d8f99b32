import type { Command } from 'commander'

/** `mamori benchmark …` (issue 10). */
export function register(_program: Command): void {}
