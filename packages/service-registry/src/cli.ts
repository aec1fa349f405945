#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generatedFiles } from './generated-files';
import { SERVICE_REGISTRY } from './services';

const USAGE = `usage: holovitals-registry <write|check> [--root DIR]
  write  regenerate rover.yaml, deploy/postgres/init-databases.sql and the Helm chart's registry from the service registry
  check  fail when either file differs from what the registry generates`;

async function main(argv: string[]): Promise<number> {
  const rootFlag = argv.indexOf('--root');
  const root = resolve(rootFlag >= 0 ? (argv[rootFlag + 1] ?? '.') : '.');
  const files = Object.entries(generatedFiles(SERVICE_REGISTRY));
  switch (argv[0]) {
    case 'write':
      for (const [path, content] of files) await writeFile(resolve(root, path), content);
      process.stdout.write(`wrote ${files.map(([path]) => path).join(', ')} from the service registry\n`);
      return 0;
    case 'check': {
      const stale: string[] = [];
      for (const [path, content] of files) {
        const committed = await readFile(resolve(root, path), 'utf8').catch(() => '');
        if (committed !== content) stale.push(path);
      }
      for (const path of stale)
        process.stderr.write(`stale: ${path} — run \`npm run schema\` and commit the result\n`);
      return stale.length === 0 ? 0 : 1;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
