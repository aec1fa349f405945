import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EhrClientIdSource } from './ehr-client-id-source';

@ObjectType('EhrProvider', {
  description:
    'A hospital or clinic EHR a patient can connect: a SMART on FHIR R4 server and its discovered endpoints.',
})
@Entity({ name: 'ehr_provider' })
export class EhrProviderEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'The name patients know the provider by.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The EHR vendor (Epic, Oracle Health…), when known.' })
  @Column({ type: 'text', nullable: true })
  vendor: string | null;

  @Field(() => String, { description: 'The FHIR R4 base URL (normalized; unique).' })
  @Column({ type: 'text', unique: true })
  fhirBaseUrl: string;

  @Field(() => String, { description: 'SMART authorization endpoint, from the server’s discovery document.' })
  @Column({ type: 'text' })
  authorizeUrl: string;

  @Field(() => String, { description: 'SMART token endpoint, from the server’s discovery document.' })
  @Column({ type: 'text' })
  tokenUrl: string;

  @Field(() => String, {
    nullable: true,
    description: 'Token revocation endpoint, when the server offers one.',
  })
  @Column({ type: 'text', nullable: true })
  revocationUrl: string | null;

  @Field(() => [String], {
    description: 'SMART capabilities the server advertises (launch-standalone, permission-v2…).',
  })
  @Column({ type: 'text', array: true })
  capabilities: string[];

  @Field(() => [String], { description: 'Scopes the server says it supports.' })
  @Column({ type: 'text', array: true })
  scopesSupported: string[];

  @Field(() => Boolean, {
    description: 'Whether the server advertises FHIR Bulk Data Patient-level $export.',
  })
  @Column({ type: 'boolean' })
  bulkExport: boolean;

  /** The client id HoloVitals is registered under at this server; not exposed. */
  @Column({ type: 'text', nullable: true })
  clientId: string | null;

  @Field(() => EhrClientIdSource, {
    description:
      'Where HoloVitals’ client id at this server came from (given, registered dynamically, or default).',
  })
  @Column({ type: 'text' })
  clientIdSource: EhrClientIdSource;

  /** The redirect URIs a dynamically registered client may use (the server enforces them); empty otherwise. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  registeredRedirectUris: string[];

  @Column({ type: 'text' })
  addedBy: string;

  @Field(() => Date, { description: 'When the provider was added.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
