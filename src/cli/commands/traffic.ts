import type { Command } from 'commander'

/** `mamori traffic map [--device ID] [--format json|csv|graphml]` (issue 12). */
export function register(_program: Command): void {}
