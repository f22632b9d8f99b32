import type { PassiveResult } from './contract.js'

export interface PassivePipeline {
  push(chunk: Uint8Array): void
  end(): PassiveResult
}

/** Placeholder (issue 12): reader → decoder → reassembly → dissectors → analyzer. */
export function createPassivePipeline(): PassivePipeline {
  throw new Error('passive pipeline not built yet')
}
