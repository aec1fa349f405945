import { describe, expect, it } from 'vitest';
import { errorFingerprint, messageTemplate, topFrames } from './error-fingerprint';

const stackAt = (line: number): string =>
  `TypeError: boom\n    at readRecord (/app/dist/record.js:${line}:9)\n    at async Promise.all (index 0)\n    at handle (/app/dist/handler.js:4:2)\n    at deep (/app/x.js:1:1)`;

describe('error fingerprints', () => {
  it('groups occurrences that differ only in ids, numbers and line numbers', () => {
    const a = errorFingerprint({
      service: 'patient',
      origin: 'RESOLVER',
      errorName: 'TypeError',
      message: 'row 0b9f3c1e-7d4a-4a59-9d3e-2f1b8c6a9e10 has 3 items',
      stack: stackAt(12),
    });
    const b = errorFingerprint({
      service: 'patient',
      origin: 'RESOLVER',
      errorName: 'TypeError',
      message: 'row 6a1f3c1e-7d4a-4a59-9d3e-2f1b8c6a9e11 has 7 items',
      stack: stackAt(14),
    });
    expect(a).toBe(b);
  });

  it('separates other services, messages and frames', () => {
    const base = {
      service: 'patient',
      origin: 'RESOLVER',
      errorName: 'Error',
      message: 'x failed',
      stack: stackAt(1),
    };
    const fingerprint = errorFingerprint(base);
    expect(errorFingerprint({ ...base, service: 'ehr' })).not.toBe(fingerprint);
    expect(errorFingerprint({ ...base, message: 'y failed' })).not.toBe(fingerprint);
    expect(errorFingerprint({ ...base, stack: 'Error\n    at other (/app/o.js:1:1)' })).not.toBe(fingerprint);
  });

  it('templates PHI and numbers away and keeps three frames of our own code', () => {
    expect(messageTemplate('no patient jane@example.org with 12 rows')).toBe(
      'no patient <email> with <n> rows',
    );
    expect(topFrames(stackAt(5))).toEqual([
      'at readRecord (/app/dist/record.js)',
      'at handle (/app/dist/handler.js)',
      'at deep (/app/x.js)',
    ]);
    expect(
      topFrames(
        'Error\n    at /app/node_modules/type-graphql/create.js:1:2\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ),
    ).toEqual([]);
  });
});
