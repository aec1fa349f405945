import { defineQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** One processing run of one document: text (text layer or OCR) → lab rows → proposals. */
export const processDocumentQueue = defineQueue({
  name: 'documents.process',
  payload: z.object({
    documentId: z.string().uuid(),
    /** The run this job is for; a job of an older run (superseded by a reprocess) does nothing. */
    generation: z.number().int().positive(),
    traceId: z.string().nullable().default(null),
  }),
  attempts: 3,
  backoffMs: 2_000,
  timeoutMs: 300_000,
});

/** Removes the stored file of a soft-deleted document. */
export const purgeDocumentQueue = defineQueue({
  name: 'documents.purge',
  payload: z.object({ documentId: z.string().uuid() }),
  attempts: 5,
  backoffMs: 5_000,
  timeoutMs: 60_000,
});

/** Job id of a run: enqueueing the same run twice (event redelivered) adds no second job. */
export const processJobId = (documentId: string, generation: number): string => `${documentId}.${generation}`;
