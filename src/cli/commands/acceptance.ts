import type { Command } from 'commander'

/** `mamori acceptance start|report|…` (issue 11). */
export function register(_program: Command): void {}
