import { FhirMappingError } from './fhir-mapping-error';

// FHIR R4 dateTime/instant/date grammar (http://hl7.org/fhir/R4/datatypes.html#dateTime): partial dates allowed,
// a time needs a zone. Date.parse alone would accept "2020-02-30" and locale formats.
const DATE_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * Parses a FHIR date, dateTime or instant into the instant it starts at (partial dates start at their first day,
 * UTC). Returns null for an absent value; throws FhirMappingError naming `path` for a malformed one.
 */
export function parseFhirDateTime(value: unknown, path: string): Date | null {
  if (value === undefined || value === null) {
    return null;
  }
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) {
    throw new FhirMappingError(`${path} is not a valid FHIR dateTime: ${JSON.stringify(value)}`);
  }
  const [, year, month = '01', day = '01', hour, minute, second = '00', zone] = match;
  if (hour !== undefined && zone === undefined) {
    throw new FhirMappingError(`${path} has a time without a time zone: ${JSON.stringify(value)}`);
  }
  const isoDay = `${year}-${month}-${day}`;
  const iso = hour === undefined ? `${isoDay}T00:00:00Z` : value.toString().replace(/^[^T]+/, isoDay);
  const parsed = new Date(iso);
  const calendarDay = new Date(`${isoDay}T00:00:00Z`);
  if (
    Number.isNaN(parsed.getTime()) ||
    calendarDay.getUTCMonth() + 1 !== Number(month) ||
    calendarDay.getUTCDate() !== Number(day) ||
    Number(hour ?? 0) > 23 ||
    Number(minute ?? 0) > 59 ||
    Number(second) > 60
  ) {
    throw new FhirMappingError(`${path} is not a real date: ${JSON.stringify(value)}`);
  }
  return parsed;
}

/** Parses a FHIR `date` (no time) and returns it unchanged as YYYY-MM-DD text, or null when absent. */
export function parseFhirDate(value: unknown, path: string): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new FhirMappingError(`${path} must be a full FHIR date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  parseFhirDateTime(value, path);
  return value;
}
