import { describe, expect, it } from 'vitest';
import { uploadRefusalMessage } from './file-transfer';

const routeError = (code: string, message: string) =>
  JSON.stringify({ errors: [{ message, extensions: { code } }] });

describe('uploadRefusalMessage', () => {
  it("passes on the file route's own reason", () => {
    expect(
      uploadRefusalMessage(413, routeError('PAYLOAD_TOO_LARGE', 'The file is larger than 2097152 bytes.')),
    ).toBe('The file is larger than 2097152 bytes.');
    expect(uploadRefusalMessage(409, routeError('CONFLICT', 'The file was already uploaded.'))).toBe(
      'The file was already uploaded.',
    );
  });

  it('falls back to the status when the answer is not the route’s JSON', () => {
    expect(uploadRefusalMessage(413, '<html>Request Entity Too Large</html>')).toBe('The file is too large.');
    expect(uploadRefusalMessage(403, '')).toBe('The upload link has expired. Upload the file again.');
    expect(uploadRefusalMessage(502, 'Bad gateway')).toBe('The upload did not go through. Try again.');
  });
});
