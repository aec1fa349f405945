import { Field, ID, InputType } from 'type-graphql';
import { ConsentPurpose, ConsentScope } from '../../consent/consent-vocabulary';

@InputType('GrantConsentInput', { description: 'Access to grant to another user.' })
export class GrantConsentInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'The verified user who receives access (clinician, relative, caregiver…); give this or granteeEmail.',
  })
  granteeUserId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The email address of the verified user who receives access; give this or granteeUserId.',
  })
  granteeEmail?: string | null;

  @Field(() => [ConsentScope], { description: 'What the grantee may do; at least one.' })
  scope: ConsentScope[];

  @Field(() => ConsentPurpose, { description: 'Why access is granted.' })
  purpose: ConsentPurpose;

  @Field(() => Date, { nullable: true, description: 'When the grant stops working; must be in the future.' })
  expiresAt?: Date | null;
}
