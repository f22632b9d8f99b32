import type { Catalog } from './en.js'
import { capture } from './ja/capture.js'
import { disclosures } from './ja/disclosures.js'
import { errors } from './ja/errors.js'
import { feeds } from './ja/feeds.js'
import { findings } from './ja/findings.js'
import { importTexts } from './ja/import.js'
import { passwordPolicy } from './ja/password-policy.js'

/** The Japanese catalog, one file per section under ./ja/: the same keys as ./en.ts. 臨床工学技士や医療情報技師がそのまま読める言葉で書く。 */
export const ja: Catalog = { errors, passwordPolicy, import: importTexts, findings, disclosures, feeds, capture }
