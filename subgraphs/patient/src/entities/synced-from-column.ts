import type { ValueTransformer } from 'typeorm';

/** `synced_from` stores '' for the patient's own records (so unique keys need no NULL handling); code sees null. */
export const syncedFromTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value ?? '',
  from: (value: string) => (value === '' ? null : value),
};
