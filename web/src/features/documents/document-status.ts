import type { DocumentStatus, ExtractionStatus, ScanResult } from '@/gql/graphql';

const STATUS_LABELS: Record<DocumentStatus, string> = {
  AWAITING_UPLOAD: 'Waiting for upload',
  QUEUED: 'Uploaded',
  PROCESSING: 'Processing',
  PROCESSED: 'Processed',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
};

const SCAN_LABELS: Record<ScanResult, string> = {
  NOT_SCANNED: 'Not scanned',
  CLEAN: 'Virus scan clean',
  INFECTED: 'Virus found',
};

const EXTRACTION_LABELS: Record<ExtractionStatus, string> = {
  PROPOSED: 'To review',
  CONFIRMED: 'In your record',
  REJECTED: 'Rejected',
};

export type StatusTone = 'normal' | 'high' | 'neutral';

export function documentStatusLabel(status: DocumentStatus): string {
  return STATUS_LABELS[status];
}

export function scanResultLabel(scan: ScanResult): string {
  return SCAN_LABELS[scan];
}

export function extractionStatusLabel(status: ExtractionStatus): string {
  return EXTRACTION_LABELS[status];
}

/** Whether the worker still has something to do, so the page keeps asking for news. */
export function isInProgress(status: DocumentStatus): boolean {
  return status === 'AWAITING_UPLOAD' || status === 'QUEUED' || status === 'PROCESSING';
}

/** Badge colour; the label always says the same in words. */
export function documentStatusTone(status: DocumentStatus): StatusTone {
  if (status === 'PROCESSED') return 'normal';
  if (status === 'REJECTED' || status === 'FAILED') return 'high';
  return 'neutral';
}
