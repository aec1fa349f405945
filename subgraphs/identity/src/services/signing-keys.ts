import { ACCESS_TOKEN_ALGORITHM } from '@holovitals/subgraph-kit';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { type DataSource, IsNull, MoreThan, Or } from 'typeorm';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import type { EnvelopeCipher } from '@holovitals/encryption';
import { signingKeyContext } from './key-encryption';

const DAY_MS = 86_400_000;
/** Any replica may rotate; this lock makes one of them do it. */
const ROTATION_LOCK = 4_001_001;

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export interface SigningKeySettings {
  /** Seals private halves; its master keys come from KEY_ENCRYPTION_SECRET and ENCRYPTION_KEYS. */
  cipher: EnvelopeCipher;
  rotationDays: number;
  /** Longest lifetime of a token signed by a key: it stays published this long after rotation. */
  tokenTtlSeconds: number;
}

/**
 * ES256 signing keys kept in the database (private halves encrypted). The newest key signs; after
 * `rotationDays` a new one takes over and the old one stays in the JWKS until its tokens expired.
 */
export class SigningKeys {
  private active: { key: ActiveSigningKey; checkedAt: number } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SigningKeySettings,
    private readonly onUnreadableKey: (kid: string) => void,
  ) {}

  async current(): Promise<ActiveSigningKey> {
    if (this.active && Date.now() - this.active.checkedAt < 60_000) return this.active.key;
    let row = await this.rotateIfDue();
    let privateKey: CryptoKey;
    try {
      privateKey = await this.privateKeyOf(row);
    } catch {
      // The master key changed or was removed (or the row was tampered with): the key can no longer sign, but
      // its public half still verifies the tokens it signed. A fresh key keeps sign-in working.
      this.onUnreadableKey(row.kid);
      row = await this.rotateIfDue(new Date(), { replacing: row.kid });
      privateKey = await this.privateKeyOf(row);
    }
    this.active = { key: { kid: row.kid, privateKey }, checkedAt: Date.now() };
    return this.active.key;
  }

  /**
   * When the signing key in use is due to be replaced (rotating it first if that is overdue): a time in the past
   * means rotation keeps failing, which monitoring's CREDENTIAL_EXPIRY rule reports.
   */
  async rotationDueAt(): Promise<Date> {
    const row = await this.rotateIfDue();
    return new Date(row.createdAt.getTime() + this.settings.rotationDays * DAY_MS);
  }

  private async privateKeyOf(row: SigningKeyEntity): Promise<CryptoKey> {
    const jwk = JSON.parse(
      this.settings.cipher.decryptString(row.privateJwkCiphertext, signingKeyContext(row.kid)),
    ) as JWK;
    return (await importJWK(jwk, ACCESS_TOKEN_ALGORITHM)) as CryptoKey;
  }

  /** Public keys that may still verify a live token. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.current();
    const rows = await this.dataSource.getRepository(SigningKeyEntity).find({
      where: { retiresAt: Or(IsNull(), MoreThan(new Date())) },
      order: { createdAt: 'DESC' },
    });
    return { keys: rows.map((row) => row.publicJwk) };
  }

  /**
   * Returns the signing key, creating the first one or rotating an old one under an advisory lock.
   * `replacing` rotates that key now (unless another replica already did).
   */
  async rotateIfDue(now = new Date(), options: { replacing?: string } = {}): Promise<SigningKeyEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      const repository = manager.getRepository(SigningKeyEntity);
      const newest = await repository.findOne({
        where: { rotatedAt: IsNull() },
        order: { createdAt: 'DESC' },
      });
      const due =
        newest?.kid === options.replacing ||
        now.getTime() - (newest?.createdAt.getTime() ?? 0) >= this.settings.rotationDays * DAY_MS;
      if (newest && !due) return newest;
      if (newest) {
        newest.rotatedAt = now;
        newest.retiresAt = new Date(now.getTime() + this.settings.tokenTtlSeconds * 1000 + 60_000);
        await repository.save(newest);
      }
      const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
      const kid = randomUUID();
      const publicJwk: JWK = {
        ...(await exportJWK(publicKey)),
        kid,
        alg: ACCESS_TOKEN_ALGORITHM,
        use: 'sig',
      };
      return repository.save(
        repository.create({
          kid,
          publicJwk,
          privateJwkCiphertext: this.settings.cipher.encrypt(
            JSON.stringify(await exportJWK(privateKey)),
            signingKeyContext(kid),
          ),
          createdAt: now,
          rotatedAt: null,
          retiresAt: null,
        }),
      );
    });
  }
}
