import { deidentify, type DeidentifiedText } from '@holovitals/deidentify';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';

/**
 * Longest text `deidentify` accepts. The name tagger costs ~45 ms per 700 characters on this hardware, so
 * this bounds one request to well under a second of CPU.
 */
export const DEIDENTIFY_MAX_CHARACTERS = 10_000;

/** Replaces Safe Harbor identifiers in a caller's own text; spans are in the input's offsets. */
export function deidentifyText(text: string): DeidentifiedText {
  if (text.length > DEIDENTIFY_MAX_CHARACTERS) {
    throw new AnalysisError(
      AnalysisErrorCode.BAD_USER_INPUT,
      `Text to de-identify is limited to ${DEIDENTIFY_MAX_CHARACTERS} characters (got ${text.length}).`,
      { field: 'text', maxLength: DEIDENTIFY_MAX_CHARACTERS },
    );
  }
  return deidentify(text);
}
