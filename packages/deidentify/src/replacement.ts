import { IdentifierKind } from './identifier-kind';

/**
 * Three-digit ZIP prefixes whose area holds 20,000 people or fewer (2000 census, the list HHS publishes
 * with the Safe Harbor guidance): these become 000.
 */
const SPARSE_ZIP_PREFIXES = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

/** What Safe Harbor lets a replacement keep of the identifier: a year, a ZIP3, the 90+ age bucket. */
export function retainedPart(kind: IdentifierKind, original: string): string | null {
  switch (kind) {
    case IdentifierKind.DATE: {
      const year = /\b(19|20)\d{2}\b/.exec(original)?.[0];
      // A year 90 or more years back can reveal an age over 89, which Safe Harbor removes too.
      return year && Number(year) > new Date().getUTCFullYear() - 90 ? year : null;
    }
    case IdentifierKind.ZIP: {
      const prefix = original.slice(0, 3);
      return `${SPARSE_ZIP_PREFIXES.has(prefix) ? '000' : prefix}XX`;
    }
    case IdentifierKind.AGE:
      return '90+';
    case IdentifierKind.NAME:
    case IdentifierKind.ADDRESS:
    case IdentifierKind.PHONE:
    case IdentifierKind.FAX:
    case IdentifierKind.EMAIL:
    case IdentifierKind.SSN:
    case IdentifierKind.MRN:
    case IdentifierKind.ACCOUNT:
    case IdentifierKind.HEALTH_PLAN:
    case IdentifierKind.LICENSE:
    case IdentifierKind.DEVICE:
    case IdentifierKind.VEHICLE:
    case IdentifierKind.URL:
    case IdentifierKind.IP:
      return null;
  }
}

export function defaultReplacement(kind: IdentifierKind, original: string): string {
  const kept = retainedPart(kind, original);
  return kept === null ? `[${kind}]` : `[${kind} ${kept}]`;
}
