import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..', '..');
// The repository's own config, as `npm run lint` (and so `npm run check`) uses it.
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `path` and returns the boundary rule's messages. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('workspace boundaries (npm run lint)', { timeout: 120_000 }, () => {
  it('rejects a subgraph importing another subgraph, by package or by relative path', async () => {
    expect(await boundaryErrors('subgraphs/patient/src/main.ts', "import '@holovitals/identity';\n")).toEqual(
      [expect.stringMatching(/never imports another subgraph/)],
    );
    expect(
      await boundaryErrors(
        'subgraphs/patient/src/main.ts',
        "import '@holovitals/standards/dist/subgraph';\n",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors('subgraphs/standards/src/main.ts', "import '../../patient/src/subgraph';\n"),
    ).toHaveLength(1);
  });

  it('rejects shared packages and the gateway importing a subgraph', async () => {
    expect(
      await boundaryErrors('packages/stack/src/stack.ts', "import '@holovitals/patient';\n"),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'packages/stack/src/stack.ts',
        "import '../../../subgraphs/patient/src/subgraph';\n",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors('gateway/src/main.ts', "import '@holovitals/identity/dist/subgraph';\n"),
    ).toHaveLength(1);
  });

  it('rejects the web app importing a server workspace', async () => {
    for (const source of ['@holovitals/stack', '@holovitals/patient', '../../../gateway/src/config'])
      expect(
        await boundaryErrors('web/src/server/web-config.ts', `import '${source}';\n`),
        source,
      ).toHaveLength(1);
  });

  it('allows a subgraph its own code and the shared packages, and the gateway tests the identity subgraph', async () => {
    expect(
      await boundaryErrors(
        'subgraphs/patient/src/main.ts',
        "import '@holovitals/subgraph-kit';\nimport '@holovitals/patient';\nimport './subgraph';\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'gateway/test/gateway-harness.ts',
        "import '@holovitals/identity/dist/subgraph';\n",
      ),
    ).toEqual([]);
  });
});
