import { describe, expect, it } from 'vitest';
import { batchRootOf, batchRootSignatureValid, signEnvelopeBatch } from './envelope-batch-signature';
import { generateEventKeyPair, parseEventPublicKeys, parseEventSigningKey } from './event-signing';

const pair = generateEventKeyPair();
const key = parseEventSigningKey('patient', pair.privateKey);
const sourceKeys = parseEventPublicKeys(`patient:${pair.publicKey}`).get('patient')!;
const envelopes = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => JSON.stringify({ n: index }));

describe('envelope batch signature', () => {
  it('leads every envelope of batches of 1 to 9 to the one signed root', () => {
    for (let size = 1; size <= 9; size += 1) {
      const batch = signEnvelopeBatch(key, envelopes(size));
      const roots = envelopes(size).map((envelope, index) => batchRootOf(envelope, batch.proofs[index]!));
      expect(new Set(roots)).toEqual(new Set([batch.root]));
      expect(batchRootSignatureValid(sourceKeys, batch.root, batch.signature)).toBe(true);
    }
  });

  it('leads an altered envelope, or an envelope with another entry’s proof, elsewhere', () => {
    const batch = signEnvelopeBatch(key, envelopes(5));
    expect(batchRootOf(JSON.stringify({ n: 99 }), batch.proofs[0]!)).not.toBe(batch.root);
    expect(batchRootOf(envelopes(5)[0]!, batch.proofs[1]!)).not.toBe(batch.root);
  });

  it('takes no inner node for an envelope: a proof shortened by one step does not reach the root', () => {
    const batch = signEnvelopeBatch(key, envelopes(4));
    const [first, ...rest] = batch.proofs[0]!.split(',');
    const innerNode = batchRootOf(envelopes(4)[0]!, first!)!;
    expect(batchRootOf(innerNode, rest.join(','))).not.toBe(batch.root);
  });

  it('refuses a malformed proof', () => {
    expect(batchRootOf('{}', 'X00')).toBeNull();
    expect(batchRootOf('{}', `L${'a'.repeat(63)}`)).toBeNull();
  });

  it('refuses a root signed by another key and a signature of another root, also once a root is remembered', () => {
    const batch = signEnvelopeBatch(key, envelopes(3));
    const other = signEnvelopeBatch(
      parseEventSigningKey('patient', generateEventKeyPair().privateKey),
      envelopes(3),
    );
    expect(batchRootSignatureValid(sourceKeys, batch.root, batch.signature)).toBe(true);
    expect(batchRootSignatureValid(sourceKeys, other.root, other.signature)).toBe(false);
    const second = signEnvelopeBatch(key, envelopes(4));
    expect(batchRootSignatureValid(sourceKeys, second.root, batch.signature)).toBe(false);
    expect(batchRootSignatureValid(sourceKeys, batch.root, second.signature)).toBe(false);
  });
});
