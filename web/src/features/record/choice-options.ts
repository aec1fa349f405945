/** An option of a SelectField. */
export interface ChoiceOption {
  value: string;
  label: string;
}

/** "unable-to-assess" → "Unable to assess". */
function choiceLabel(value: string): string {
  const words = value.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Options for FHIR code values. A value already on the entry but outside the usual list stays selectable,
 * so editing another field never silently changes it. `optional` adds "Not specified" (the empty value).
 */
export function choiceOptions(
  values: readonly string[],
  current: string | null | undefined,
  optional = false,
): ChoiceOption[] {
  const all = current && !values.includes(current) ? [...values, current] : values;
  const options = all.map((value) => ({ value, label: choiceLabel(value) }));
  return optional ? [{ value: '', label: 'Not specified' }, ...options] : options;
}
