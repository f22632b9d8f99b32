/** Tables of passive discovery (migration 0022-capture; ADR 0044). */
// biome-ignore lint/complexity/noBannedTypes: filled in by the capture module
export type CaptureTables = {}
