import { registerEnumType } from 'type-graphql';

/** Where a document is in its life: upload, scan, processing, done (or refused / failed with a reason). */
export enum DocumentStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  PROCESSED = 'PROCESSED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  description: 'Where a document is between upload and extracted results.',
  valuesConfig: {
    AWAITING_UPLOAD: { description: 'The row exists; the file has not been uploaded to its signed URL yet.' },
    QUEUED: { description: 'Uploaded and accepted; waiting for the worker.' },
    PROCESSING: { description: 'The worker is reading text and extracting results.' },
    PROCESSED: { description: 'Pages and proposed extractions are ready.' },
    REJECTED: { description: 'The file was refused (empty, too large, not a supported type, infected).' },
    FAILED: {
      description: 'Processing failed (corrupt or encrypted file, too many pages…); see failureReason.',
    },
  },
});

/** How a page's text was obtained. */
export enum PageTextSource {
  TEXT_LAYER = 'TEXT_LAYER',
  OCR = 'OCR',
}

registerEnumType(PageTextSource, {
  name: 'PageTextSource',
  description: 'How a page’s text was obtained.',
  valuesConfig: {
    TEXT_LAYER: { description: 'Read from the PDF’s own text layer.' },
    OCR: { description: 'Recognized from the page image (tesseract).' },
  },
});

/** The patient's decision on one extracted result. */
export enum ExtractionStatus {
  PROPOSED = 'PROPOSED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

registerEnumType(ExtractionStatus, {
  name: 'ExtractionStatus',
  description: 'The patient’s decision on an extracted result.',
  valuesConfig: {
    PROPOSED: { description: 'Extracted, not yet reviewed.' },
    CONFIRMED: { description: 'Confirmed into the health record.' },
    REJECTED: { description: 'Rejected; it stays here and never reaches the record.' },
  },
});

/** What scanning the upload for malware said. */
export enum ScanResult {
  NOT_SCANNED = 'NOT_SCANNED',
  CLEAN = 'CLEAN',
  INFECTED = 'INFECTED',
}

registerEnumType(ScanResult, {
  name: 'ScanResult',
  description: 'What the configured virus scanner said about the upload.',
  valuesConfig: {
    NOT_SCANNED: {
      description: 'No scanner is configured (DOCUMENT_SCAN_COMMAND unset) or the file never arrived.',
    },
    CLEAN: { description: 'The scanner found nothing.' },
    INFECTED: { description: 'The scanner found malware; the file was deleted.' },
  },
});
