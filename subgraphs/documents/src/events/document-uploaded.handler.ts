import type { EventHandlers } from '@holovitals/events';
import type { QueueProducer } from '@holovitals/worker-runtime';
import { processDocumentQueue, processJobId } from '../pipeline/document-queue';

/**
 * `document.uploaded` (written with the upload's verdict, so never lost) puts the first processing run on the
 * worker's queue; the job id makes a redelivered event add no second job.
 */
export function documentUploadedHandler(producer: QueueProducer): EventHandlers {
  return {
    'document.uploaded': async (event) => {
      const { documentId } = event.payload;
      await producer.enqueue(
        processDocumentQueue,
        { documentId, generation: 1, traceId: event.traceId },
        { jobId: processJobId(documentId, 1) },
      );
    },
  };
}
