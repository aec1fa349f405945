import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An authorize round trip in flight: the SMART client's state (PKCE verifier, endpoints) sealed under the
 * random OAuth `state`, bound to the user who started it. Deleted when completed, so a state works once.
 */
@Entity({ name: 'ehr_authorization_request' })
export class EhrAuthorizationRequestEntity {
  @PrimaryColumn({ type: 'text' })
  state: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri: string;

  /** fhirclient's state for this launch, sealed with context `ehr.authorization:<state>`. */
  @Column({ name: 'sealed_state', type: 'text' })
  sealedState: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
