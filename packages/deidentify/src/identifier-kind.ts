/**
 * The HIPAA Safe Harbor identifier kinds this package finds (45 CFR 164.514(b)(2)), grouped as the
 * replacement needs them: a ZIP keeps its first three digits, a date its year, an age over 89 becomes 90+.
 */
export enum IdentifierKind {
  NAME = 'NAME',
  DATE = 'DATE',
  AGE = 'AGE',
  ADDRESS = 'ADDRESS',
  ZIP = 'ZIP',
  PHONE = 'PHONE',
  FAX = 'FAX',
  EMAIL = 'EMAIL',
  SSN = 'SSN',
  MRN = 'MRN',
  ACCOUNT = 'ACCOUNT',
  HEALTH_PLAN = 'HEALTH_PLAN',
  LICENSE = 'LICENSE',
  DEVICE = 'DEVICE',
  VEHICLE = 'VEHICLE',
  URL = 'URL',
  IP = 'IP',
}

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = Object.values(IdentifierKind);

/** One identifier found in a text, in the input's character offsets (`end` exclusive). */
export interface IdentifierSpan {
  start: number;
  end: number;
  kind: IdentifierKind;
}
