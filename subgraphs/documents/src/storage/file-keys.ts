/** Blob key of a document's uploaded file. */
export const documentBlobKey = (documentId: string): string => `documents/${documentId}`;

/** Blob key of the FHIR bundle one confirmation hands to the patient subgraph. */
export const bundleBlobKey = (documentId: string, extractionId: string): string =>
  `bundles/${documentId}/${extractionId}.json`;

/** Blob key of the PNG the viewer shows for one page of one processing run. */
export const pageImageKey = (documentId: string, generation: number, pageNumber: number): string =>
  `page-images/${documentId}/${generation}/${pageNumber}.png`;

/** Whether `key` is one of the document's rendered page images. */
export const isPageImageKeyOf = (key: string, documentId: string): boolean =>
  key.startsWith(`page-images/${documentId}/`);

/** Subject of a signed URL issued to the patient subgraph rather than a user. */
export const PATIENT_SERVICE_SUBJECT = 'service:patient';

/** Subject prefix of a download URL issued to an ADMIN (the access check then only needs the document to exist). */
export const ADMIN_SUBJECT_PREFIX = 'admin:';

const DOCUMENT_ID = /^(?:documents|bundles|page-images)\/([0-9a-f-]{36})(?:\/|$)/;

export function documentIdOfKey(key: string): string | null {
  return DOCUMENT_ID.exec(key)?.[1] ?? null;
}
