import { describe, expect, it } from 'vitest';
import { accessText, actorName, partyName, rolesText } from './consent-labels';

describe('partyName', () => {
  it('names a person by display name and address, or address alone, or says they are unknown', () => {
    expect(partyName({ displayName: 'Dr. Ada', email: 'ada@example.test' })).toBe(
      'Dr. Ada (ada@example.test)',
    );
    expect(partyName({ displayName: null, email: 'ada@example.test' })).toBe('ada@example.test');
    expect(partyName(null)).toBe('Someone not in the directory');
  });
});

describe('actorName', () => {
  it('names HoloVitals services by service, never by their internal id', () => {
    expect(actorName(null, 'system:patient:event:2f1e3b2b-a211-4c2b-9d09-083d9aef28ea')).toBe(
      'HoloVitals (patient service)',
    );
    expect(actorName(null, 'system:ehr:job:ehr-sync/42')).toBe('HoloVitals (ehr service)');
    expect(actorName({ displayName: 'Dr. Ada', email: 'ada@example.test' }, 'u-1')).toBe(
      'Dr. Ada (ada@example.test)',
    );
    expect(actorName(null, '5c2d0f6e-0000-4000-8000-000000000000')).toBe('Someone not in the directory');
    expect(actorName(null, null)).toBe('HoloVitals');
  });
});

describe('accessText', () => {
  it('says what was done in words, keeping an action it does not know as it is', () => {
    expect(accessText('read', 'AllergyIntolerance')).toBe('Read allergy intolerance');
    expect(accessText('grant', 'ConsentGrant')).toBe('Recorded consent grant');
    expect(accessText('reanalyze', 'Document')).toBe('reanalyze document');
  });
});

describe('rolesText', () => {
  it('names roles in words', () => {
    expect(rolesText(['CLINICIAN'])).toBe('Clinician');
    expect(rolesText(['SYSTEM'])).toBe('System');
    expect(rolesText(['ADMIN', 'AUDITOR'])).toBe('Administrator, AUDITOR');
    expect(rolesText([])).toBe('—');
  });
});
