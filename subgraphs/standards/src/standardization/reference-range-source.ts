import type { ReferenceInterval } from '../vocabulary/concept-record';

/** `referenceRangeSource` when the input carried its own range; that range always wins. */
export const LAB_REFERENCE_RANGE = 'reported by the lab';

/** `referenceRangeSource` when the result had no range and the concept's generic interval was used. */
export const TYPICAL_ADULT_INTERVAL = 'typical adult interval (HoloVitals starter vocabulary)';

/** The warning that goes with every flag given against a generic interval, in the canonical unit. */
export function typicalIntervalWarning(
  interval: ReferenceInterval,
  low: number | null,
  high: number | null,
  unit: string,
): string {
  const limits =
    low !== null && high !== null
      ? `${formatLimit(low)}–${formatLimit(high)} ${unit}`
      : low !== null
        ? `≥ ${formatLimit(low)} ${unit}`
        : `≤ ${formatLimit(high ?? Number.NaN)} ${unit}`;
  return (
    `No reference range was given; flagged against a generic typical adult interval (${limits}; ${interval.basis}). ` +
    "It is not the lab's own range and does not account for age, sex, pregnancy or method."
  );
}

/** Limits converted between units keep at most four significant decimals in the text (the fields stay exact). */
function formatLimit(value: number): string {
  return String(Number(value.toPrecision(4)));
}
