import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's authenticator (TOTP) secret, sealed; usable for challenges once confirmed with a first code. */
@Entity({ name: 'totp_factor' })
export class TotpFactorEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The base32 secret in @holovitals/encryption's envelope format, bound to the user id. */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** The highest 30-second step a code was accepted for; codes at or below it are replays. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
