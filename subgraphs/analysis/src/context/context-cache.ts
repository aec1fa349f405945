import { deidentify } from '@holovitals/deidentify';
import type { EnvelopeCipher } from '@holovitals/encryption';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type EntityManager, LessThan } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { ContextEntryEntity, ContextEntryKind } from '../entities/context-entry.entity';
import { contentImportance, currentImportance, retainedUntil } from './context-importance';

/** Where a context was read from: Redis (hot) or PostgreSQL (cold, then re-warmed). */
export type ContextTier = 'HOT' | 'COLD';

export interface ContextCacheDeps {
  cipher: EnvelopeCipher;
  redis: Redis;
  logger: Pick<Logger, 'warn'>;
  hotSeconds: number;
  retentionSeconds: number;
}

/** Same associated data as task snapshots: the ciphertext only opens for its own row id. */
const aad = (id: string): string => `analysis.context_entry:${id}`;
export const hotKey = (id: string): string => `analysis:context:${id}`;

export interface SanitizedContext {
  text: string;
  identifiersRemoved: number;
}

/** The only way text enters the cache: every Safe Harbor identifier replaced (`[NAME]`, `[DATE 2024]`, …). */
export function sanitizeContext(text: string): SanitizedContext {
  const result = deidentify(text);
  return { text: result.text, identifiersRemoved: result.spans.length };
}

/** Sanitizes, scores and seals the text into a cold row, in the caller's transaction; warm it after commit. */
export async function storeContext(
  manager: EntityManager,
  deps: ContextCacheDeps,
  entry: { patientId: string; ownerUserId: string; text: string },
  now: Date = new Date(),
): Promise<{ entry: ContextEntryEntity; text: string; ciphertext: string }> {
  const sanitized = sanitizeContext(entry.text);
  const id = randomUUID();
  const content = contentImportance(sanitized.text);
  const ciphertext = deps.cipher.encrypt(sanitized.text, aad(id));
  const saved = await manager.getRepository(ContextEntryEntity).save({
    id,
    kind: ContextEntryKind.MODEL_CONTEXT,
    patientId: entry.patientId,
    ownerUserId: entry.ownerUserId,
    ciphertext,
    recordCount: 0,
    contentImportance: content,
    importance: content,
    accessCount: 0,
    lastAccessedAt: null,
    identifiersRemoved: sanitized.identifiersRemoved,
    createdAt: now,
    expiresAt: retainedUntil(now, content, deps.retentionSeconds),
  });
  return { entry: saved, text: sanitized.text, ciphertext };
}

/** Puts a committed entry's ciphertext into the hot tier; false when Redis refused (that only costs speed). */
export function warmContext(deps: ContextCacheDeps, id: string, ciphertext: string): Promise<boolean> {
  return writeHot(deps, id, ciphertext);
}

/** Every column but the ciphertext: a hot hit never reads the sealed text from PostgreSQL. */
const METADATA = {
  id: true,
  kind: true,
  patientId: true,
  ownerUserId: true,
  recordCount: true,
  contentImportance: true,
  importance: true,
  accessCount: true,
  lastAccessedAt: true,
  identifiersRemoved: true,
  createdAt: true,
  expiresAt: true,
} as const;

/** The cache row's metadata (no ciphertext), or null when unknown, past retention or not a model context. */
export async function findContext(
  manager: EntityManager,
  id: string,
  now: Date = new Date(),
): Promise<ContextEntryEntity | null> {
  const entry = await manager.getRepository(ContextEntryEntity).findOne({
    where: { id, kind: ContextEntryKind.MODEL_CONTEXT },
    select: METADATA,
  });
  return entry && entry.expiresAt > now ? entry : null;
}

/** Opens the context from Redis, else from PostgreSQL (re-warming Redis); counts the read for importance. */
export async function openContext(
  manager: EntityManager,
  deps: ContextCacheDeps,
  entry: ContextEntryEntity,
): Promise<{ text: string; tier: ContextTier }> {
  const repository = manager.getRepository(ContextEntryEntity);
  const hot = await readHot(deps, entry.id);
  const tier: ContextTier = hot ? 'HOT' : 'COLD';
  let ciphertext = hot;
  if (!ciphertext) {
    const cold = await repository.findOne({
      where: { id: entry.id },
      select: { id: true, ciphertext: true },
    });
    if (!cold) throw new Error(`Context ${entry.id} was deleted while it was being read.`);
    ciphertext = cold.ciphertext;
    await writeHot(deps, entry.id, ciphertext);
  }
  await repository
    .createQueryBuilder()
    .update()
    .set({ accessCount: () => 'access_count + 1', lastAccessedAt: () => 'now()' })
    .where('id = :id', { id: entry.id })
    .execute();
  return { text: deps.cipher.decrypt(ciphertext, aad(entry.id)).toString('utf8'), tier };
}

/**
 * Re-scores every cached model context from its content score, age and reads, and moves its cold retention
 * with the score; metadata only, nothing is decrypted. Returns the ids whose score changed.
 */
export async function reanalyzeImportance(
  manager: EntityManager,
  settings: { retentionSeconds: number; halfLifeDays: number },
  now: Date = new Date(),
): Promise<string[]> {
  const repository = manager.getRepository(ContextEntryEntity);
  const entries = await repository.find({
    where: { kind: ContextEntryKind.MODEL_CONTEXT },
    select: {
      id: true,
      contentImportance: true,
      importance: true,
      createdAt: true,
      lastAccessedAt: true,
      accessCount: true,
    },
  });
  const changed: string[] = [];
  for (const entry of entries) {
    const importance = currentImportance({
      content: entry.contentImportance,
      createdAt: entry.createdAt,
      lastAccessedAt: entry.lastAccessedAt,
      accessCount: entry.accessCount,
      now,
      halfLifeDays: settings.halfLifeDays,
    });
    if (importance === entry.importance) continue;
    await repository.update(
      { id: entry.id },
      { importance, expiresAt: retainedUntil(entry.createdAt, importance, settings.retentionSeconds) },
    );
    changed.push(entry.id);
  }
  return changed;
}

/** Deletes every snapshot and context past its retention (their hot copies too); returns the deleted rows. */
export async function expireContexts(
  manager: EntityManager,
  redis: Pick<Redis, 'del'> | null,
  now: Date = new Date(),
): Promise<Pick<ContextEntryEntity, 'id' | 'patientId' | 'kind'>[]> {
  const repository = manager.getRepository(ContextEntryEntity);
  const expired = await repository.find({
    where: { expiresAt: LessThan(now) },
    select: { id: true, patientId: true, kind: true },
  });
  if (expired.length === 0) return [];
  await repository.delete(expired.map((entry) => entry.id));
  if (redis) await redis.del(...expired.map((entry) => hotKey(entry.id)));
  return expired;
}

/** A Redis failure only costs the hot tier: reads fall back to PostgreSQL. */
async function readHot(deps: ContextCacheDeps, id: string): Promise<string | null> {
  try {
    return await deps.redis.get(hotKey(id));
  } catch (err) {
    deps.logger.warn({ err, id }, 'context hot tier unavailable; reading cold');
    return null;
  }
}

async function writeHot(deps: ContextCacheDeps, id: string, ciphertext: string): Promise<boolean> {
  try {
    await deps.redis.set(hotKey(id), ciphertext, 'EX', deps.hotSeconds);
    return true;
  } catch (err) {
    deps.logger.warn({ err, id }, 'context hot tier unavailable; stored cold only');
    return false;
  }
}
