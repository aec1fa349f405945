import { describe, expect, it } from 'vitest';
import type { DocumentStatus } from '@/gql/graphql';
import { documentStatusLabel, documentStatusTone, isInProgress, scanResultLabel } from './document-status';

const ALL: DocumentStatus[] = ['AWAITING_UPLOAD', 'QUEUED', 'PROCESSING', 'PROCESSED', 'REJECTED', 'FAILED'];

describe('document status', () => {
  it('keeps polling only while the upload or the worker is still running', () => {
    expect(ALL.filter(isInProgress)).toEqual(['AWAITING_UPLOAD', 'QUEUED', 'PROCESSING']);
  });

  it('says each status in words and colours only the end states', () => {
    expect(ALL.map(documentStatusLabel)).toEqual([
      'Waiting for upload',
      'Uploaded',
      'Processing',
      'Processed',
      'Rejected',
      'Failed',
    ]);
    expect(ALL.map(documentStatusTone)).toEqual(['neutral', 'neutral', 'neutral', 'normal', 'high', 'high']);
  });

  it('names the scan verdict', () => {
    expect(scanResultLabel('NOT_SCANNED')).toBe('Not scanned');
    expect(scanResultLabel('INFECTED')).toBe('Virus found');
  });
});
