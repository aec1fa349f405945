import { describe, expect, it } from 'vitest';
import { errorInfoFromWire } from './error-info';

describe('errorInfoFromWire', () => {
  it('names the step-up purpose of a STEP_UP_REQUIRED refusal, so the page can ask for a code', () => {
    const info = errorInfoFromWire({
      message: 'Confirm it is you.',
      extensions: { code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED', purpose: 'ADMIN_PHI_ACCESS' },
    });
    expect(info).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'STEP_UP_REQUIRED',
      stepUpPurpose: 'ADMIN_PHI_ACCESS',
    });
  });

  it('gives no step-up purpose for other refusals, even with a purpose field', () => {
    const info = errorInfoFromWire({
      extensions: { code: 'FORBIDDEN', reason: 'ACCESS_DENIED', purpose: 'X' },
    });
    expect(info.stepUpPurpose).toBeNull();
  });
});
