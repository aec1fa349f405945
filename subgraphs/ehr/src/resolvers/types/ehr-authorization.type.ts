import { Field, ObjectType } from 'type-graphql';

@ObjectType('EhrAuthorization', {
  description:
    'Where to send the patient to approve access, and the state that ties the callback to this request.',
})
export class EhrAuthorization {
  @Field(() => String, {
    description: 'The provider’s authorize URL (SMART standalone launch, PKCE S256); open it in the browser.',
  })
  authorizeUrl: string;

  @Field(() => String, {
    description: 'The OAuth state; the callback must carry it back to completeEhrConnection. Single use.',
  })
  state: string;
}
