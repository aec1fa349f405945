import type { StepUpPurpose } from '@/gql/graphql';

const PURPOSES: Record<StepUpPurpose, string> = {
  ADMIN_PHI_ACCESS: 'Opening a patient’s health data as an administrator',
  BULK_EXPORT: 'Exporting a whole patient record',
};

/** A purpose from an error's extensions, if the schema knows it (an unknown one cannot be answered anyway). */
export function isStepUpPurpose(value: string | null): value is StepUpPurpose {
  return value !== null && Object.hasOwn(PURPOSES, value);
}

/** What a step-up purpose guards, as the prompt names it. */
export function stepUpPurposeText(purpose: StepUpPurpose): string {
  return PURPOSES[purpose];
}
