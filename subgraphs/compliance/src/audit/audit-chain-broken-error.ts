import type { AuditChainResult } from './audit-chain-verification';

/** The chain failed verification where a job was about to sign or purge it: nothing is signed or deleted. */
export class AuditChainBrokenError extends Error {
  override readonly name = 'AuditChainBrokenError';

  constructor(readonly found: Pick<AuditChainResult, 'firstBroken' | 'brokenCheckpoint'>) {
    super(`Audit chain broken: ${JSON.stringify(found)}`);
  }
}
