import type { Command } from 'commander'

/** `mamori checklist …` (issue 10). */
export function register(_program: Command): void {}
