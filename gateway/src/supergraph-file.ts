import type { SupergraphSdlHook } from '@apollo/gateway';
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from 'pino';

/**
 * Serves the composed supergraph from a file and swaps it in when the file changes, so a new
 * composition goes live without a restart. A file that fails to load keeps the previous schema.
 */
export function supergraphFromFile(path: string, logger: Logger): SupergraphSdlHook {
  const absolute = resolve(path);
  return async ({ update, healthCheck }) => {
    const initial = await readFile(absolute, 'utf8');
    let current = initial;
    let timer: NodeJS.Timeout | null = null;
    const reload = async (): Promise<void> => {
      const next = await readFile(absolute, 'utf8');
      if (next === current || next.trim() === '') return;
      await healthCheck(next);
      update(next);
      current = next;
      logger.info({ path: absolute }, 'supergraph reloaded');
    };
    const watcher = watch(dirname(absolute), (_event, file) => {
      if (file !== basename(absolute)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        reload().catch((error: unknown) =>
          logger.error({ err: error }, 'supergraph reload failed; keeping the previous one'),
        );
      }, 200);
    });
    return {
      supergraphSdl: initial,
      cleanup: async () => {
        if (timer) clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
