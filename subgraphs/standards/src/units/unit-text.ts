import { StandardsError, StandardsErrorCode } from '../standards-error';

/** UCUM expressions are short printable ASCII (° and µ pass so their usual spellings can be suggested); anything else is refused before parsing. */
const MAX_UNIT_LENGTH = 64;
const UNIT_CHARACTERS = /^[\x21-\x7e°µ]+$/u;

/** Trims and checks a unit string; throws BAD_USER_INPUT for empty, over-long or non-printable text. */
export function checkedUnitText(unit: string): string {
  const trimmed = unit.trim();
  if (trimmed === '') throw new StandardsError(StandardsErrorCode.BAD_USER_INPUT, 'Unit is empty.');
  if (trimmed.length > MAX_UNIT_LENGTH) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      `Unit is longer than ${MAX_UNIT_LENGTH} characters.`,
    );
  }
  if (!UNIT_CHARACTERS.test(trimmed)) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      'Unit may contain only printable characters without spaces (UCUM syntax).',
    );
  }
  return trimmed;
}

/** Throws BAD_USER_INPUT unless the number is finite. */
export function checkedFinite(value: number, name: string): number {
  if (!Number.isFinite(value)) {
    throw new StandardsError(StandardsErrorCode.BAD_USER_INPUT, `${name} must be a finite number.`);
  }
  return value;
}
