import { singleFileProvider } from './single-file.js'

/** FIRST EPSS: one daily CSV (usually .csv.gz) of every scored CVE, upserted in batches (each one transaction). */
export const epssProvider = singleFileProvider('epss', 'epss_scores-current.csv.gz')
