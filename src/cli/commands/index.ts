import type { Command } from 'commander'

/** Each command file exports a `register(program)`; add new commands here, one line each. */
export const COMMANDS: ((program: Command) => void)[] = []
