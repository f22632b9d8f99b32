import { capture } from './en/capture.js'
import { disclosures } from './en/disclosures.js'
import { errors } from './en/errors.js'
import { feeds } from './en/feeds.js'
import { findings } from './en/findings.js'
import { importTexts } from './en/import.js'
import { passwordPolicy } from './en/password-policy.js'

/**
 * The English catalog of texts the server, the CLI and the web share (the web merges it into its own UI catalog),
 * one file per section under ./en/. i18next syntax: `{{name}}` is a parameter; `_one` / `_other` pick the plural.
 * Japanese in ./ja.ts has the same keys (checked by the compiler). Words a clinical engineer uses, never an
 * internal name without saying what it means.
 */
export const en = { errors, passwordPolicy, import: importTexts, findings, disclosures, feeds, capture }

/** The shape every language's catalog has: the same keys, each a text. */
export type Catalog = { [Section in keyof typeof en]: { [Key in keyof (typeof en)[Section]]: string } }
