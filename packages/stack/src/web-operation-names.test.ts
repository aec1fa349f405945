import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webOperationNames } from './web-operation-names';

describe('webOperationNames', () => {
  it('reads the operation names of the documents codegen collected, not fragments or comments', () => {
    const root = mkdtempSync(join(tmpdir(), 'hv-web-ops-'));
    mkdirSync(join(root, 'web', 'src', 'gql'), { recursive: true });
    writeFileSync(
      join(root, 'web', 'src', 'gql', 'gql.ts'),
      [
        ' * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.',
        "  '\\n  query MySessions {\\n    mySessions { id }\\n  }\\n': typeof types.MySessionsDocument;",
        "  '\\n  mutation RevokeSession($id: ID!) {\\n    revokeSession(id: $id) { id }\\n  }\\n': typeof types.X;",
        "  '\\n  fragment AuthPayloadFields on AuthPayload {\\n    accessToken\\n  }\\n': typeof types.Y;",
      ].join('\n'),
    );
    expect(webOperationNames(root)).toEqual(['MySessions', 'RevokeSession']);
  });

  it('is empty before the web app is built', () => {
    expect(webOperationNames(mkdtempSync(join(tmpdir(), 'hv-web-ops-')))).toEqual([]);
  });
});
