import { describe, expect, it } from 'vitest';
import { createOperationLabeler } from './operation-label';

describe('createOperationLabeler', () => {
  it('keeps known names and the first names seen, and files the rest under other', () => {
    const label = createOperationLabeler({ known: ['Login'], maxSeen: 2, maxLength: 64 });
    expect(['A', 'B', 'C', 'A', 'Login'].map(label)).toEqual(['A', 'B', 'other', 'A', 'Login']);
  });

  it('caps the length and refuses what is not a GraphQL name', () => {
    const label = createOperationLabeler({ maxSeen: 100, maxLength: 8 });
    expect(label('x'.repeat(100_000))).toBe('other');
    expect(label('a b')).toBe('other');
    expect(label('evil"} 1')).toBe('other');
    expect(label(null)).toBe('anonymous');
  });

  it('labels a gateway subgraph fetch by the client operation it serves', () => {
    const label = createOperationLabeler({ maxSeen: 1, maxLength: 64 });
    expect(label('PatientRecord__patient__0')).toBe('PatientRecord');
    expect(label('PatientRecord__standards__3')).toBe('PatientRecord');
  });

  it('holds at most known + maxSeen distinct labels however many names arrive', () => {
    const label = createOperationLabeler({ known: ['Me'], maxSeen: 50, maxLength: 64 });
    const labels = new Set(Array.from({ length: 5_000 }, (_, index) => label(`Op${index}`)));
    labels.add(label('Me'));
    expect(labels.size).toBe(52);
  });
});
