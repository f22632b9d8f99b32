/**
 * Why the password policy (src/services/passwords.ts) refused a password, in English (`passwordPolicy.<key>`): the
 * `why` of `errors.PASSWORD_WEAK`. The zxcvbn keys (topTen … userInputs) are zxcvbn-ts's own warning names.
 */
export const passwordPolicy = {
  tooShort: 'The password must have at least 12 characters.',
  oneKind: 'Mix letters with digits or symbols (or use 16+ characters).',
  containsUsername: 'The password must not contain the user name.',
  topTen: 'This is one of the ten most common passwords.',
  topHundred: 'This is one of the hundred most common passwords.',
  common: 'This is a commonly used password.',
  similarToCommon:
    'This is a commonly used password with small changes (capitals, digits, @ for a…), which attackers try first.',
  straightRow: 'A row of keys on the keyboard is easy to guess.',
  keyPattern: 'A keyboard pattern is easy to guess.',
  simpleRepeat: 'Repeated characters (aaa…) are easy to guess.',
  extendedRepeat: 'Repeated patterns (abcabc…) are easy to guess.',
  sequences: 'Sequences (abcd, 1234) are easy to guess.',
  recentYears: 'Recent years are easy to guess.',
  dates: 'Dates are easy to guess.',
  userInputs: 'The password contains the user name, the display name or "mamori".',
  tooEasy:
    'This password is too easy to guess (common words, names, years or keyboard patterns). Use a few unrelated words or a password manager.',
}

/** One reason the policy gives. */
export type PasswordPolicyKey = keyof typeof passwordPolicy
