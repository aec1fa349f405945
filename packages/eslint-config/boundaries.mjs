import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = '**/*.{ts,tsx,mts,cts,js,mjs,cjs}';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Each subgraph workspace under `<root>/subgraphs`: its folder name and npm package name. */
export function subgraphWorkspaces(root) {
  const dir = join(root, 'subgraphs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'package.json')))
    .map((entry) => ({
      folder: entry.name,
      packageName: JSON.parse(readFileSync(join(dir, entry.name, 'package.json'), 'utf8')).name,
    }));
}

const packageImports = (packageNames, message) =>
  packageNames.map((name) => ({ group: [name, `${name}/**`], message }));

/**
 * The workspace boundaries (ARCHITECTURE.md): a subgraph imports no other subgraph, packages/* and the
 * gateway's source import no subgraph, the web app imports no server workspace. Each file group gets
 * exactly one `no-restricted-imports` entry, because a later flat-config entry replaces the rule's options.
 * Relative paths that climb into another workspace are caught by their `subgraphs/`, `packages/` or
 * `gateway/` segment, or (inside subgraphs/) by a sibling subgraph's folder name.
 */
export function workspaceBoundaries(subgraphs) {
  const all = subgraphs.map((subgraph) => subgraph.packageName);
  const intoSubgraphs = { group: ['**/subgraphs/**'], message: 'Reach a subgraph through the gateway.' };
  return [
    ...subgraphs.map((subgraph) => {
      const others = subgraphs.filter((other) => other !== subgraph);
      const message = `A subgraph never imports another subgraph (${subgraph.folder}): use entity references or events; shared code goes in packages/.`;
      return {
        files: [`subgraphs/${subgraph.folder}/${SOURCE}`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                ...packageImports(
                  others.map((other) => other.packageName),
                  message,
                ),
                ...(others.length > 0
                  ? [
                      {
                        regex: `^(\\.\\./)+(subgraphs/)?(${others.map((other) => escape(other.folder)).join('|')})/`,
                        message,
                      },
                    ]
                  : []),
              ],
            },
          ],
        },
      };
    }),
    {
      files: [`packages/${SOURCE}`, `gateway/src/${SOURCE}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...packageImports(all, 'Shared packages and the gateway import no subgraph.'),
              intoSubgraphs,
            ],
          },
        ],
      },
    },
    {
      files: [`web/${SOURCE}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['@holovitals/*', '**/subgraphs/**', '**/packages/**', '**/gateway/**'],
                message: 'The web app imports no server workspace; it talks to the gateway over GraphQL.',
              },
            ],
          },
        ],
      },
    },
    {
      // The Node host around Next.js (never bundled into pages) shares the client-address rules and the
      // process lifecycle with every other service; nothing else on the server side.
      files: ['web/src/server/web-server.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: [
                  '@holovitals/*',
                  '!@holovitals/http-server',
                  '**/subgraphs/**',
                  '**/packages/**',
                  '**/gateway/**',
                ],
                message: 'The web server uses @holovitals/http-server and no other server workspace.',
              },
            ],
          },
        ],
      },
    },
  ];
}
