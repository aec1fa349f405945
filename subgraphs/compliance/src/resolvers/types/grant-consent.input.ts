import { Field, ID, InputType } from 'type-graphql';
import { ConsentPurpose, ConsentScope } from '../../consent/consent-vocabulary';

@InputType('GrantConsentInput', { description: 'Access to grant to another user.' })
export class GrantConsentInput {
  @Field(() => ID, {
    description: 'The verified user who receives access (clinician, relative, caregiver…).',
  })
  granteeUserId: string;

  @Field(() => [ConsentScope], { description: 'What the grantee may do; at least one.' })
  scope: ConsentScope[];

  @Field(() => ConsentPurpose, { description: 'Why access is granted.' })
  purpose: ConsentPurpose;

  @Field(() => Date, { nullable: true, description: 'When the grant stops working; must be in the future.' })
  expiresAt?: Date | null;
}
