const MS_PER_YEAR = 365.2425 * 24 * 3600 * 1000;

/** Age in whole years on `asOf`, or null when the birth date is missing or unreadable. */
export function ageInYears(birthDate: string | null, asOf: Date): number | null {
  if (!birthDate) return null;
  const born = new Date(birthDate);
  if (Number.isNaN(born.getTime())) return null;
  let age = asOf.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    asOf.getUTCMonth() < born.getUTCMonth() ||
    (asOf.getUTCMonth() === born.getUTCMonth() && asOf.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Fractional years between two instants, for "how long ago" wording and scoring. */
export function yearsBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / MS_PER_YEAR;
}

export type Sex = 'female' | 'male' | 'unknown';

/** FHIR administrative gender as the rules use it. */
export function sexOf(gender: string | null): Sex {
  const value = gender?.toLowerCase();
  if (value === 'female') return 'female';
  if (value === 'male') return 'male';
  return 'unknown';
}

export function addMonths(date: Date, months: number): Date {
  const next = new Date(date.getTime());
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
}
