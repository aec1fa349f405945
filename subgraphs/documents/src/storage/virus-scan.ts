import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ScanResult } from '../entities/document-status';

/** Scans one file; the documents subgraph calls it on every upload before the file is accepted. */
export interface VirusScanner {
  scan(content: Readable): Promise<ScanResult>;
}

export class VirusScanError extends Error {
  override readonly name = 'VirusScanError';
}

/** No scanner configured: every file is NOT_SCANNED (recorded on the document, visible in the API). */
export const noVirusScanner: VirusScanner = {
  scan: async (content) => {
    content.destroy();
    return ScanResult.NOT_SCANNED;
  },
};

/**
 * Runs a scanner command with the file on stdin, e.g. `clamdscan --no-summary -` (the ClamAV convention: exit 0
 * clean, 1 infected, 2 error). The command is split on spaces; no shell is involved.
 */
export function commandVirusScanner(command: string): VirusScanner {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  if (!program) throw new VirusScanError('DOCUMENT_SCAN_COMMAND is empty');
  return {
    scan: async (content) => {
      const child = spawn(program, args, { stdio: ['pipe', 'ignore', 'ignore'] });
      const exited = new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', resolve);
      });
      await pipeline(content, child.stdin).catch(() => undefined);
      const code = await exited;
      if (code === 0) return ScanResult.CLEAN;
      if (code === 1) return ScanResult.INFECTED;
      throw new VirusScanError(`Virus scanner exited with ${code}`);
    },
  };
}
