import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { JWK } from 'jose';

/** An ES256 key pair; the newest active one signs, every unretired one is published in the JWKS. */
@Entity({ name: 'signing_key' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: JWK;

  /** The private JWK, envelope-encrypted (@holovitals/encryption) and bound to this row's kid. */
  @Column({ name: 'private_jwk_ciphertext', type: 'text' })
  privateJwkCiphertext: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** After this instant no token is signed with the key; it stays published until `retiresAt`. */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ name: 'retires_at', type: 'timestamptz', nullable: true })
  retiresAt: Date | null;
}
