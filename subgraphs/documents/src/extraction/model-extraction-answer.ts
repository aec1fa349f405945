import { z } from 'zod';

/**
 * What the language model must answer for one page: every lab result, diagnosis and medication it reads, each
 * naming the line (record id) it came from. Nullable rather than optional fields: strict structured output.
 */
export const modelExtractionSchema = z.object({
  labResults: z.array(
    z.object({
      recordId: z.string(),
      name: z.string(),
      value: z.string(),
      unit: z.string().nullable(),
      referenceRange: z.string().nullable(),
      flag: z.string().nullable(),
    }),
  ),
  diagnoses: z.array(
    z.object({
      recordId: z.string(),
      name: z.string(),
      icd10Code: z.string().nullable(),
      clinicalStatus: z.string().nullable(),
    }),
  ),
  medications: z.array(
    z.object({
      recordId: z.string(),
      name: z.string(),
      dose: z.string().nullable(),
      route: z.string().nullable(),
      frequency: z.string().nullable(),
    }),
  ),
});

export type ModelExtraction = z.infer<typeof modelExtractionSchema>;

/** The structured-output name; the local model server recognises it and answers with its own line reader. */
export const MODEL_EXTRACTION_NAME = 'document_extraction';

export const MODEL_EXTRACTION_INSTRUCTION =
  'You read one page of a medical document, given line by line. List every lab result (test name, value as ' +
  'printed, unit, reference range, flag), every diagnosis (name, ICD-10-CM code only if printed, clinical status) ' +
  'and every medication (name, dose, route, frequency). Copy names and values exactly as printed; use null for ' +
  'anything not printed; never infer a code. Give for each the id of the line it is on.';

export const MODEL_EXTRACTION_TASK = 'Extract the results on this page.';
