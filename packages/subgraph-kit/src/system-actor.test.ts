import { describe, expect, it } from 'vitest';
import { eventSystemActor, jobSystemActor } from './system-actor';

describe('system actors', () => {
  it('names the service and the event that made it act, and keeps the event trace', () => {
    expect(eventSystemActor('patient', { id: 'e1', traceId: 't1' })).toEqual({
      service: 'patient',
      principal: { id: 'system:patient:event:e1', roles: ['SYSTEM'] },
      traceId: 't1',
      clientIp: null,
    });
  });

  it('names the queue and job for work a worker does', () => {
    expect(jobSystemActor('documents', { queue: 'ocr', id: '42' })).toEqual({
      service: 'documents',
      principal: { id: 'system:documents:job:ocr/42', roles: ['SYSTEM'] },
      traceId: null,
      clientIp: null,
    });
  });
});
