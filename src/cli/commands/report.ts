import type { Command } from 'commander'

/** `mamori report …` (issue 10). */
export function register(_program: Command): void {}
