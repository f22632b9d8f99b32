import { singleFileProvider } from './single-file.js'

/** CISA KEV: one JSON file, replaced whole (the catalogue is small and CISA rewrites it in place). */
export const kevProvider = singleFileProvider('kev', 'known_exploited_vulnerabilities.json')
