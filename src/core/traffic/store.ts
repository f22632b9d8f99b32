import type { CaptureImport } from '../../../api/capture.js'

/**
 * What passive discovery (capture imports, heard hosts, the communications map; ADR 0044) needs from storage.
 * Filled in by src/storage/capture-repository.ts (`captureStoragePorts`), spread into the ports by `storagePorts`.
 */
export interface CaptureStore {
  listCaptures(limit: number): Promise<CaptureImport[]>
}

export interface CapturePorts {
  captureStore: CaptureStore
}
