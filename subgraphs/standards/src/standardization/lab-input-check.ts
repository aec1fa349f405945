import { StandardsError, StandardsErrorCode } from '../standards-error';
import { checkedUnitText } from '../units/unit-text';
import type { LabResultInput } from './lab-result';

export const MAX_LAB_BATCH = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_CODE_LENGTH = 64;

function checkNumber(value: number | null | undefined, field: string, index: number): void {
  if (value !== null && value !== undefined && !Number.isFinite(value)) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      `inputs[${index}].${field} must be a finite number.`,
      {
        index,
        field,
      },
    );
  }
}

function checkText(value: string | null | undefined, field: string, max: number, index: number): void {
  if (value !== null && value !== undefined && value.length > max) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      `inputs[${index}].${field} is longer than ${max} characters.`,
      {
        index,
        field,
      },
    );
  }
}

/** Refuses the whole batch on the first unusable input, before any lookup or cache write. */
export function checkLabInputs(inputs: readonly LabResultInput[]): void {
  if (inputs.length > MAX_LAB_BATCH) {
    throw new StandardsError(
      StandardsErrorCode.BAD_USER_INPUT,
      `At most ${MAX_LAB_BATCH} lab results per call.`,
      {
        limit: MAX_LAB_BATCH,
        received: inputs.length,
      },
    );
  }
  inputs.forEach((input, index) => {
    checkNumber(input.value, 'value', index);
    checkNumber(input.referenceLow, 'referenceLow', index);
    checkNumber(input.referenceHigh, 'referenceHigh', index);
    checkText(input.name, 'name', MAX_NAME_LENGTH, index);
    checkText(input.code, 'code', MAX_CODE_LENGTH, index);
    checkText(input.system, 'system', MAX_NAME_LENGTH, index);
    const hasName = (input.name ?? '').trim() !== '';
    const hasCode = (input.code ?? '').trim() !== '';
    if (!hasName && !hasCode) {
      throw new StandardsError(
        StandardsErrorCode.BAD_USER_INPUT,
        `inputs[${index}] needs a name or a code.`,
        { index },
      );
    }
    if (input.unit !== null && input.unit !== undefined && input.unit.trim() !== '') {
      try {
        checkedUnitText(input.unit);
      } catch (error) {
        if (error instanceof StandardsError) {
          throw new StandardsError(error.code, `inputs[${index}].unit: ${error.message}`, {
            index,
            field: 'unit',
          });
        }
        throw error;
      }
    }
  });
}
