import { createHash, type KeyObject } from 'node:crypto';
import { envelopeSignatureValid, signEnvelope, type EventSigningKey } from './event-signing';

/**
 * One Ed25519 signature for a whole relay batch: the producer signs the root of a Merkle tree over the exact
 * envelope strings, and each stream entry carries that signature plus the sibling hashes from its own leaf to
 * the root. An entry stays verifiable on its own (its proof and the signed root say it is one of the envelopes
 * the source signed), while a consumer verifies each signed root once and then only hashes: Ed25519
 * verification was most of a consumer's CPU per event.
 *
 * Leaves and inner nodes are hashed with different prefixes (as in RFC 6962), so no inner node can pass for an
 * envelope; an odd node at the end of a level moves up unchanged.
 */

/** What the root signature covers: the root, under a label no envelope JSON can start with. */
const ROOT_LABEL = 'holovitals-event-batch-v1:';

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

/** One step of a proof: the sibling's hash and whether it sits to the left ('L') or right ('R') of the path. */
const PROOF_STEP = /^[LR][0-9a-f]{64}$/;

export function envelopeLeafHash(envelopeJson: string): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(envelopeJson, 'utf8').digest();
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export interface SignedEnvelopeBatch {
  /** Hex root of the tree over the envelopes, in order. */
  root: string;
  /** base64 Ed25519 signature over the labelled root. */
  signature: string;
  /** Per envelope, its proof: steps `L<hex>`/`R<hex>` from the leaf up, comma-separated (empty for one envelope). */
  proofs: string[];
}

/** Builds the tree over `envelopes` and signs its root once. */
export function signEnvelopeBatch(key: EventSigningKey, envelopes: readonly string[]): SignedEnvelopeBatch {
  if (envelopes.length === 0) throw new RangeError('An envelope batch needs at least one envelope');
  let level = envelopes.map(envelopeLeafHash);
  // Which node of the current level each envelope's path passes through.
  const position = envelopes.map((_, index) => index);
  const steps: string[][] = envelopes.map(() => []);
  while (level.length > 1) {
    for (let leaf = 0; leaf < envelopes.length; leaf += 1) {
      const at = position[leaf]!;
      const sibling = at % 2 === 0 ? at + 1 : at - 1;
      if (sibling < level.length) {
        steps[leaf]!.push(`${at % 2 === 0 ? 'R' : 'L'}${level[sibling]!.toString('hex')}`);
      }
      position[leaf] = at >> 1;
    }
    const next: Buffer[] = [];
    for (let index = 0; index < level.length; index += 2) {
      next.push(index + 1 < level.length ? nodeHash(level[index]!, level[index + 1]!) : level[index]!);
    }
    level = next;
  }
  const root = level[0]!.toString('hex');
  return {
    root,
    signature: signEnvelope(key, ROOT_LABEL + root),
    proofs: steps.map((path) => path.join(',')),
  };
}

/** The root an envelope's proof leads to, or null when the proof is malformed. */
export function batchRootOf(envelopeJson: string, proof: string): string | null {
  let hash = envelopeLeafHash(envelopeJson);
  if (proof !== '') {
    for (const step of proof.split(',')) {
      if (!PROOF_STEP.test(step)) return null;
      const sibling = Buffer.from(step.slice(1), 'hex');
      hash = step[0] === 'L' ? nodeHash(sibling, hash) : nodeHash(hash, sibling);
    }
  }
  return hash.toString('hex');
}

/** Roots remembered per key set; a batch's entries usually arrive together, so a short memory is enough. */
const REMEMBERED_ROOTS = 1_024;

/**
 * Signed roots already verified, per set of public keys (a new key set after a rotation starts empty, so a
 * removed key's signatures are checked again). Only successful verifications are kept.
 */
const verifiedRoots = new WeakMap<readonly KeyObject[], Set<string>>();

/** True when `signature` is the source's signature of `root`; each (root, signature) is verified once per key set. */
export function batchRootSignatureValid(
  sourceKeys: readonly KeyObject[],
  root: string,
  signature: string,
): boolean {
  let remembered = verifiedRoots.get(sourceKeys);
  const key = `${root}:${signature}`;
  if (remembered?.has(key)) return true;
  if (!envelopeSignatureValid(sourceKeys, ROOT_LABEL + root, signature)) return false;
  if (!remembered) {
    remembered = new Set();
    verifiedRoots.set(sourceKeys, remembered);
  }
  if (remembered.size >= REMEMBERED_ROOTS) {
    // Sets iterate in insertion order: forget the oldest.
    remembered.delete(remembered.values().next().value!);
  }
  remembered.add(key);
  return true;
}
