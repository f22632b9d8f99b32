import type { ErrorCode } from '../error-codes.js'

/** English texts of every error code (`errors.<CODE>`); see ../en.ts. */
export const errors = {
  AUTH_REQUIRED: 'Please sign in.',
  AUTH_INVALID: 'The user name or password is wrong.',
  AUTH_INVALID_TOKEN: 'The API token is unknown, revoked or its user is disabled.',
  CSRF_INVALID: 'The request lacks a valid CSRF token; reload the page and try again.',
  FORBIDDEN: 'This needs the {{role}} role.',
  RATE_LIMITED: 'Too many attempts; wait a minute and try again.',
  NOT_FOUND: '{{what}} "{{id}}" was not found.',
  VALIDATION_FAILED: 'The request is invalid: {{problems}}',
  INVALID_INPUT: 'The input is invalid: {{problems}}',
  BAD_REQUEST: 'The request could not be handled ({{reason}}).',
  INTERNAL: 'Something went wrong on the server; the details are in the server log.',
  CONFIRMATION_REQUIRED: '{{what}} Run again with --yes to confirm.',
  USERNAME_INVALID: 'The user name "{{username}}" is not valid: {{why}}',
  USERNAME_TAKEN: 'The user name "{{username}}" is already taken{{clash}}.',
  USER_OWN_PASSWORD: 'Change your own password on the Account page (it asks for your current password).',
  USER_SELF_LOCKOUT: 'You cannot disable yourself or remove your own admin role. Ask another admin.',
  PASSWORD_WEAK: 'The password is too weak: {{why}}',
  PASSWORD_UNCHANGED: 'The new password is the same as the current one.',
  PASSWORD_CURRENT_WRONG: 'The current password is wrong; nothing was changed.',
  PASSWORD_MISSING: 'No password for {{who}}: set {{env}}, use --generate-password, or run this in a terminal.',
  PASSWORD_MISMATCH: 'The two passwords differ; nothing was changed.',
  DEVICE_INVALID: 'The device cannot be saved: {{problems}}',
  DEVICE_DUPLICATE_ASSET_TAG:
    'Asset tag "{{assetTag}}" already belongs to another device. Each device needs its own asset tag; open that device or choose another tag.',
  DEVICE_VERSION_CONFLICT:
    'Device {{device}} was changed by {{by}} at {{at}} after you opened it. Reload it and apply your change again.',
  DEMO_LEDGER_NOT_EMPTY:
    'The ledger already holds {{count}} device(s); the demo hospital is loaded only into an empty ledger. Run `mamori demo --reset` to delete them and load the demo instead.',
  FILE_NOT_FOUND: 'Cannot read "{{file}}": no such file.',
  FILE_TOO_LARGE: '{{file}} is {{size}} bytes; files up to {{max}} bytes are accepted.',
  UPLOAD_TOO_LARGE: 'The file is larger than the limit of {{mb}} MB (MAMORI_MAX_UPLOAD_MB).',
  UPLOAD_INCOMPLETE: 'The upload is incomplete or malformed ({{why}}); nothing was imported. Send the file again.',
  IMPORT_NO_FILE: 'No file was attached: send the ledger as multipart/form-data in a field named "file".',
  IMPORT_NOT_FOUND:
    'Import {{id}} is not waiting for confirmation: previews expire after 30 minutes or after the server restarts, and each can be committed once. Upload the file again.',
  IMPORT_NOT_IMPORTABLE: 'This file cannot be imported: fix the file-level problems shown in the preview first.',
  IMPORT_STALE: 'The ledger changed after this preview ({{detail}}). Nothing was imported; run the preview again.',
  IMPORT_BAD_LANG: 'Unknown language "{{lang}}": use ja or en.',
  XLSX_ZIP_DAMAGED:
    'The Excel file is damaged or incomplete and cannot be opened ({{why}}). Open it in Excel, save it again as .xlsx, and retry.',
  XLSX_ZIP_MISMATCH:
    'The Excel file was refused: for the part "{{entry}}" its ZIP directory and the part itself disagree ({{what}}). Excel never writes such files; it may have been altered to attack the server. Save it again from Excel and retry.',
  XLSX_ZIP_UNSUPPORTED: 'The Excel file uses a feature Mamori does not read: {{why}}',
  XLSX_TOO_LARGE:
    'The workbook expands to more than the {{mb}} MB limit when opened. Split the ledger or save it as CSV.',
  EXPORT_BAD_FORMAT: 'Unknown format "{{format}}": use csv or xlsx.',
  EXPORT_BAD_LANG: 'Unknown language "{{lang}}": use ja or en.',
  EXPORT_BAD_FILTER: 'Invalid filter: {{problems}}',
  DOCUMENT_FONT_MISSING:
    'The Japanese font file {{file}} is missing, so no PDF can be written. Reinstall with "npm ci" (it comes with the package {{package}}).',
  DOCUMENT_INPUT_INVALID: 'Cannot write the document: {{field}} is "{{value}}"; expected {{expected}}.',
  NMAP_XML_INVALID: '{{file}} could not be imported; nothing was stored.',
  NMAP_NOT_FOUND:
    'nmap is not installed (or not on PATH), so it cannot be used as the scan engine. Install it (Debian/Ubuntu: apt-get install nmap) or use the built-in engine.',
  TARGET_INVALID: 'Target "{{value}}": {{why}}. Accepted forms: {{forms}}.',
  TARGET_HOSTNAME: 'Target "{{value}}": {{why}}. Accepted forms: {{forms}}.',
  PORTS_INVALID: 'Port list "{{spec}}": {{why}}. Accepted forms: {{forms}}.',
  PROFILE_INVALID: 'Unknown scan profile "{{id}}". Use one of: gentle (default), standard, fast.',
  PROFILE_OVERRIDE_INVALID: 'The scan profile cannot be adjusted: {{why}}',
  SCOPE_INVALID: '{{kind}} entry: {{why}}',
  SCOPE_EXISTS: 'The scope {{target}} is already approved.',
  SCOPE_NEEDS_CONFIRMATION:
    'The scope {{target}} covers {{count}} addresses (more than {{threshold}}).{{whole}} Approving it allows active scans of all of them: confirm that this is intended (--yes / confirmLarge).',
  EXCLUSION_EXISTS: '{{address}} is already excluded.',
  SCAN_TOO_LARGE:
    'The targets cover {{total}} addresses; one scan may cover at most {{max}}. Split the scan into smaller ranges.',
  SCAN_OUT_OF_SCOPE: 'Refused: {{refused}}. An admin approves scopes with "mamori scope add" or on the Scopes page.',
  SCAN_NOTHING_TO_SCAN: 'Every target address is excluded: {{refused}}',
  SCAN_CONFIRMATION_REQUIRED:
    'The targets cover {{count}} addresses (more than {{threshold}}). Confirm that this large scan is intended (--yes / confirmLarge).',
  SCHEDULE_INVALID:
    '"{{cron}}" is not a cron expression ({{why}}). Use five fields: minute hour day month weekday, e.g. "0 2 * * 0" for Sundays at 02:00.',
  HOST_ALREADY_IN_LEDGER: '{{address}} is already linked to a ledger device.',
  FINDING_REASON_REQUIRED: 'Accepting a risk needs a reason (e.g. the compensating control).',
  JOB_FINISHED: 'The job {{id}} has already finished ({{state}}); there is nothing to cancel.',
  JOB_INTERRUPTED: 'The job was interrupted: Mamori stopped while it was running. Start it again.',
  JOB_CANCELLED: 'The job was cancelled; nothing of it was kept.',
  BACKUP_UNREADABLE: '{{file}} is not a readable Mamori backup: {{why}}',
  BACKUP_CORRUPT: '{{file}}: {{why}} The file is damaged or not a backup. Nothing was restored.',
  BACKUP_TOO_NEW: '{{file}} was made by a newer Mamori (migrations {{migrations}}); upgrade first.',
  BACKUP_SYMLINK:
    '{{file}} is a symbolic link; a backup is never written through a link (it could point at another file). Choose a plain file path.',
  BACKUP_WRITE_FAILED: 'Cannot write the backup to {{file}}: {{why}}',
  LAB_BAD_PREFIX:
    'Invalid lab prefix "{{prefix}}": use lower-case letters, digits and "-", starting with a letter, at most 24 characters.',
  LAB_BAD_STATE_DIR:
    'Invalid lab state directory "{{dir}}": it must be an absolute directory outside {{hidden}} (each daemon gets private copies of those, which would hide it).',
  LAB_STATE_DIR_IN_USE:
    'The lab state directory "{{dir}}" exists but was not created by mamori lab; refusing to delete it. Choose another --state-dir or remove it yourself.',
  LAB_NOT_READY: 'The lab did not come up: {{count}} problem(s). It has been torn down again.',
  LAB_NOT_UP: 'The lab "{{prefix}}" is not up (no namespace "{{namespace}}"). Start it with `mamori lab up`.',
  LAB_NOT_ROOT:
    'The lab needs root: it creates Linux network namespaces (ip netns) and starts daemons inside them. Run it as root, e.g. `sudo npx mamori lab up`.',
  LAB_MISSING_BINARY:
    'The lab needs programs that are not installed: {{missing}}. Install them with: apt-get install -y --no-install-recommends {{packages}}',
  LAB_EXEC_NO_COMMAND: 'Give the command to run after "--".',
  MODEL_NOT_FOUND:
    'No catalog model matches "{{query}}". Give the model id or "MAKER MODEL" as `mamori models list` shows it.',
  MODEL_AMBIGUOUS: '"{{query}}" matches {{count}} catalog models ({{models}}); give the model id instead.',
  MODEL_EXISTS:
    'The catalog already has {{vendor}} {{name}}{{versions}}. Names that differ only in width, case, spaces or hyphens count as one model.',
  MODEL_INVALID: 'The model cannot be saved: {{problems}}',
  MODEL_IN_USE:
    'The model {{model}} is still in use: {{devices}} device(s) confirmed as this model and {{disclosures}} disclosure(s) attached. Unlink the devices or merge the model into another first; an admin may delete it anyway (force).',
  MODEL_MERGE_SAME: 'A model cannot be merged into itself; choose another model to keep.',
  MODEL_TEXT_UNREADABLE:
    '"{{text}}" cannot be read as "MAKER MODEL": give the manufacturer and then the model, e.g. "Nihon Kohden BSM-6501" or "日本光電 BSM-6501".',
  DEVICE_NOT_LINKED: 'Device {{device}} has no catalog model link (suggested or confirmed).',
  ALIAS_EXISTS:
    'The manufacturer name "{{alias}}" is already in the alias table as "{{existing}}" → {{vendor}}. Names that differ only in 株式会社 / Inc. / Co., Ltd., width or punctuation are one entry; edit that one instead.',
  ALIAS_EMPTY:
    'The manufacturer name "{{alias}}" has nothing left once legal forms (株式会社, Inc., Co., Ltd. …), spaces and punctuation are removed. Give the name itself.',
  DISCLOSURE_UNREADABLE:
    '"{{file}}" could not be read as a manufacturer disclosure: {{errors}} error(s) among {{problems}} problem(s), listed with sheet, row and column. Nothing was stored.',
  DISCLOSURE_NO_MODEL:
    'This disclosure is not attached to a catalog model yet. Attach it to the model first (the letter and the comparison need the maker and model).',
  DECLARED_PORTS_UNREADABLE:
    '"{{file}}" could not be read as a declared-ports list: {{errors}} problem(s), listed with row and field. Nothing was changed.',
  FEED_UNREADABLE:
    '"{{file}}" could not be read as a vulnerability feed: {{errors}} error(s) among {{problems}} problem(s), listed with file and JSON path. Nothing from it was stored.',
  FEED_FETCH_FAILED:
    'The feed {{feed}} could not be fetched from {{url}}: {{why}}. What was already stored is kept; the next sync resumes from where this one stopped.',
  FEED_CHECKSUM_MISMATCH:
    '"{{file}}" does not match its published SHA-512 checksum (expected {{expected}}, got {{actual}}): the download is damaged or was altered. It was not stored.',
  SBOM_UNREADABLE:
    '"{{file}}" could not be read as an SBOM (CycloneDX 1.4–1.6 JSON/XML, SPDX 2.2/2.3 JSON or tag-value): {{errors}} error(s) among {{problems}} problem(s), listed with file and path. Nothing was stored.',
  SBOM_NO_TARGET:
    'Say which model (--model "MAKER MODEL") or which device (--device ID) this SBOM belongs to: exactly one of them.',
  NOTIFY_FAILED: 'The notification could not be delivered by {{channel}}: {{why}}.',
  RISK_PROFILE_INVALID:
    'The risk weight profile was not saved: {{count}} problem(s), each listed with the factor and why. The active profile and every score are unchanged.',
  ACTION_INVALID: 'The action was not changed: {{why}}',
  CHECKLIST_UNREADABLE:
    '"{{file}}" could not be read as an MHLW checklist form: {{count}} problem(s), listed with sheet, cell and why. No edition was stored.',
  CHECKLIST_ANSWER_INVALID: 'The answer to item {{item}} was not saved: {{why}}',
  BENCHMARK_PROFILE_INVALID:
    'Nothing was imported: "{{file}}" is not a usable benchmark profile or cohort report ({{why}}).',
  BENCHMARK_IDENTIFYING: 'The benchmark profile was not written: {{why}} A profile must never identify the hospital.',
  BENCHMARK_SETTINGS_MISSING:
    'Set the bed-count band and the region first (Benchmark settings, or PUT /api/benchmark/settings): a profile carries only these two facts about the hospital.',
  REPORT_NO_SMTP: 'Scheduled reports go by e-mail, but no SMTP server is configured (Settings → Notifications).',
  ACTION_VERSION_CONFLICT:
    'Someone changed this action while you were looking at it (you saw version {{seen}}, it is now version {{current}}). Reload it and make your change again.',
  PROCUREMENT_REQUIREMENTS_INVALID:
    'The requirement set was not saved ({{count}} problems, listed with the requirement and why). The current set is unchanged.',
  PROCUREMENT_ANSWERS_UNREADABLE:
    'Nothing was read from “{{file}}”: it is not a requirement sheet with answers ({{count}} problems, listed with sheet, cell and why).',
  ACCEPTANCE_ALREADY_OPEN:
    'An acceptance test of {{device}} is already in progress (started {{startedAt}}). Continue it, or cancel it first.',
  ACCEPTANCE_NOT_ALLOWED: 'An acceptance test cannot start for {{device}}: {{why}}',
  ACCEPTANCE_OUTSIDE_QUARANTINE:
    'The acceptance scan was not started: {{address}} is not inside the quarantine scope {{scope}}. The scan never leaves its approved scope; connect the device to the quarantine segment or choose its scope.',
  ACCEPTANCE_NO_ADDRESS:
    'The acceptance scan was not started: {{device}} has no IP address in the ledger. Enter the address it has on the quarantine segment first.',
  ACCEPTANCE_INCOMPLETE:
    'Not signed off: {{outstanding}}. Finish these, or sign off with “accept open items” and a reason.',
  DECOMMISSION_ALREADY_OPEN: 'Decommissioning of {{device}} is already in progress (started {{startedAt}}).',
  DECOMMISSION_INCOMPLETE:
    'Not completed: {{outstanding}}. Each item must be done or marked not applicable with a note.',
  DECOMMISSION_DEPENDENTS:
    'Not completed: clinical services still depend on {{device}} ({{services}}). Re-plan those services first, or complete with “force” and a reason.',
  BCP_NODE_UNKNOWN:
    'Nothing called “{{node}}” was found: not a device id or asset tag, a service, a network segment or an outside party. Tried: {{tried}}.',
  BCP_INVALID: 'The continuity plan was not changed: {{why}}',
  BCP_VERSION_CONFLICT:
    'Someone else changed this while you were viewing it (you saw version {{seen}}, it is now {{current}}). Reload, then change it again.',
  LIFECYCLE_INVALID: 'Not accepted: {{why}}',
  CAPTURE_NOT_FOUND: 'No capture import "{{id}}".',
  CAPTURE_TOO_LARGE:
    'The capture file is larger than {{limit}} MB, the most the web upload takes. Import it on the server with `mamori capture import FILE` (no size limit), or split it with editcap.',
  CAPTURE_LIVE_UNAVAILABLE: 'Live capture cannot start: {{why}}',
  TRAFFIC_DEVICE_UNKNOWN: 'No device "{{device}}" in the ledger (give its id or asset tag).',
} satisfies Record<ErrorCode, string>
