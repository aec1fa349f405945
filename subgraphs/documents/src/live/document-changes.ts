import type { ChangeKind, ChangePublisher } from '@holovitals/live-changes';
import type { Logger } from 'pino';

/** The subscription field a document's processing progress is published for. */
export const DOCUMENT_PROCESSING_UPDATED = 'documentProcessingUpdated';

/**
 * Tells subscribers of `documentProcessingUpdated(documentId)` that the document changed (status, progress, pages,
 * extractions), after the change committed. The message carries the id and stage names only, never content; a failed
 * publish is logged and never fails the work.
 */
export async function publishDocumentChange(
  changes: ChangePublisher,
  logger: Logger,
  documentId: string,
  changed: string[],
  kind: ChangeKind = 'UPDATED',
): Promise<void> {
  try {
    await changes.publish(
      DOCUMENT_PROCESSING_UPDATED,
      { documentId },
      { typename: 'Document', id: documentId, kind, changed },
    );
  } catch (err) {
    logger.warn({ err, documentId }, 'document change not published');
  }
}
