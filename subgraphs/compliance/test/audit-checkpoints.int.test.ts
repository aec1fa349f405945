import { publishTestEvent } from '@holovitals/testing';
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntryHash, type ChainedAuditContent } from '../src/audit/audit-chain';
import { canonicalCheckpoint } from '../src/audit/audit-checkpoint-content';
import { createAuditCheckpoint } from '../src/audit/audit-checkpointing';
import { checkpointKeyId, checkpointSigner } from '../src/audit/checkpoint-signing';
import { AuditLogEntity } from '../src/entities/audit-log.entity';
import {
  auditEvent,
  eventually,
  startComplianceHarness,
  type ComplianceHarness,
} from './support/compliance-harness';

const VERIFY = `query {
  verifyAuditChain {
    valid checkedEntries checkpointsVerified
    firstBroken { seq reason }
    brokenCheckpoint { kind id upToSeq reason }
  }
}`;
const CHECKPOINTS = `query Checkpoints($first: Int, $after: String) {
  auditCheckpoints(first: $first, after: $after) {
    nodes { id upToSeq headHash rowCount createdAt keyId signature }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Verification {
  valid: boolean;
  checkedEntries: number;
  checkpointsVerified: number;
  firstBroken: { seq: string; reason: string } | null;
  brokenCheckpoint: { kind: string; id: string; upToSeq: string; reason: string } | null;
}

let h: ComplianceHarness;
let admin: string;

async function verifyChain(): Promise<Verification> {
  const response = await h.sg.graphql<{ verifyAuditChain: Verification }>(VERIFY, {}, { token: admin });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.verifyAuditChain;
}

async function ingest(count: number): Promise<number> {
  const events = Array.from({ length: count }, () => auditEvent());
  for (const event of events) await publishTestEvent(h.sg, event);
  const ids = events.map((event) => event.id);
  const stored = await eventually(
    async () =>
      Number(
        (
          (await h.sg.dataSource.query(
            'SELECT count(*) AS n FROM audit_log WHERE event_id = ANY($1::uuid[])',
            [ids],
          )) as Array<{ n: string }>
        )[0]!.n,
      ),
    (n) => n === count,
  );
  return stored;
}

function sign() {
  return h.sg.dataSource.transaction((manager) =>
    createAuditCheckpoint(manager, checkpointSigner(h.checkpointKey), keys(), { onlyIfAdvanced: true }),
  );
}

function keys() {
  const publicKey = createPublicKey(h.checkpointKey);
  return new Map([[checkpointKeyId(publicKey), publicKey]]);
}

/** As a superuser behind the triggers' back, like an attacker with database access. */
function asSuperuser(sql: string, parameters: unknown[] = []): Promise<unknown> {
  return h.sg.dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    return manager.query(sql, parameters);
  });
}

beforeAll(async () => {
  h = await startComplianceHarness();
  admin = await h.token('ADMIN');
});

afterAll(() => h.stop());

describe('signed audit checkpoints', () => {
  it('signs the chain head with the configured Ed25519 key, once per new head, and verifies it', async () => {
    expect(await ingest(12)).toBe(12);
    const first = await sign();
    expect(first).toMatchObject({ upToSeq: 12, rowCount: 12 });
    expect(await sign()).toBeNull();
    expect(await ingest(5)).toBe(5);
    const second = await sign();
    expect(second?.upToSeq).toBe(17);

    const listed = await h.sg.graphql<{
      auditCheckpoints: {
        nodes: Array<{
          id: string;
          upToSeq: string;
          headHash: string;
          keyId: string;
          signature: string;
          createdAt: string;
          rowCount: number;
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(CHECKPOINTS, { first: 1 }, { token: admin });
    const page = listed.body.data!.auditCheckpoints;
    expect(page.nodes.map((node) => node.upToSeq)).toEqual(['17']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const node = page.nodes[0]!;
    const payload = canonicalCheckpoint({
      id: Number(node.id),
      upToSeq: 17,
      headHash: node.headHash,
      rowCount: node.rowCount,
      createdAt: new Date(node.createdAt),
      keyId: node.keyId,
    });
    expect(
      verify(
        null,
        Buffer.from(payload),
        createPublicKey(h.checkpointKey),
        Buffer.from(node.signature, 'base64'),
      ),
    ).toBe(true);
    const rest = await h.sg.graphql<{ auditCheckpoints: { nodes: Array<{ upToSeq: string }> } }>(
      CHECKPOINTS,
      { first: 5, after: page.pageInfo.endCursor },
      { token: admin },
    );
    expect(rest.body.data!.auditCheckpoints.nodes.map((n) => n.upToSeq)).toEqual(['12']);

    expect(await verifyChain()).toEqual({
      valid: true,
      checkedEntries: 17,
      checkpointsVerified: 2,
      firstBroken: null,
      brokenCheckpoint: null,
    });
    const denied = await h.sg.graphql(CHECKPOINTS, {}, { token: await h.token('CLINICIAN') });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('names a forged checkpoint: a signature that does not verify', async () => {
    const rows = (await h.sg.dataSource.query(
      `INSERT INTO audit_checkpoint (up_to_seq, head_hash, row_count, created_at, key_id, signature)
       SELECT up_to_seq, head_hash, row_count, now(), key_id, signature FROM audit_checkpoint ORDER BY id DESC LIMIT 1
       RETURNING id`,
    )) as Array<{ id: string }>;
    const forged = rows[0]!.id;
    expect((await verifyChain()).brokenCheckpoint).toEqual({
      kind: 'CHECKPOINT',
      id: forged,
      upToSeq: '17',
      reason: 'INVALID_SIGNATURE',
    });
    await expect(sign()).rejects.toThrow(/INVALID_SIGNATURE/);
    await asSuperuser('DELETE FROM audit_checkpoint WHERE id = $1', [forged]);
    expect((await verifyChain()).valid).toBe(true);
  });

  it('refuses to change or delete a checkpoint', async () => {
    await expect(h.sg.dataSource.query(`UPDATE audit_checkpoint SET head_hash = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(h.sg.dataSource.query(`DELETE FROM audit_checkpoint`)).rejects.toThrow(/append-only/);
  });

  it('detects a rewritten suffix whose links were all recomputed, at the checkpoint it contradicts', async () => {
    const entries = await h.sg.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('entry')
      .where('entry.seq >= 9')
      .orderBy('entry.seq', 'ASC')
      .getMany();
    let prevHash = entries[0]!.prevHash;
    for (const entry of entries) {
      const rewritten: ChainedAuditContent = {
        ...entry,
        actorId: entry.seq === 9 ? 'someone-else' : entry.actorId,
        prevHash,
      };
      const hash = auditEntryHash(rewritten);
      await asSuperuser('UPDATE audit_log SET actor_id = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [
        entry.seq,
        rewritten.actorId,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    const result = await verifyChain();
    expect(result.valid).toBe(false);
    expect(result.firstBroken).toEqual({ seq: '12', reason: 'CHECKPOINT_MISMATCH' });
    expect(result.brokenCheckpoint).toMatchObject({
      kind: 'CHECKPOINT',
      upToSeq: '12',
      reason: 'HEAD_MISMATCH',
    });
    expect(result.checkedEntries).toBe(11);
  });

  it('detects entries cut from the end of the log, naming the checkpoint past the new end', async () => {
    await asSuperuser('DELETE FROM audit_log WHERE seq >= 15');
    await asSuperuser('DELETE FROM audit_log WHERE seq >= 9');
    const result = await verifyChain();
    expect(result.valid).toBe(false);
    expect(result.firstBroken).toBeNull();
    expect(result.brokenCheckpoint).toMatchObject({
      kind: 'CHECKPOINT',
      upToSeq: '12',
      reason: 'ENTRIES_REMOVED',
    });
  });
});
