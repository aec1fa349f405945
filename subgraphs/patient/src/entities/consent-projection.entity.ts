import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Local copy of the consents compliance grants, fed by consent.granted/consent.revoked events, so an access check
 * is one indexed lookup instead of a call to another subgraph.
 */
@Entity({ name: 'consent_projection' })
export class ConsentProjectionEntity {
  @PrimaryColumn({ name: 'consent_id', type: 'uuid' })
  consentId: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Column({ name: 'grantee_user_id', type: 'uuid' })
  granteeUserId: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  scopes: string[];

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
