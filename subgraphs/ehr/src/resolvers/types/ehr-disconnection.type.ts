import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('EhrDisconnection', { description: 'What disconnecting a provider did.' })
export class EhrDisconnection {
  @Field(() => ID, { description: 'The connection that was removed with its tokens and sync history.' })
  connectionId: string;

  @Field(() => Boolean, {
    description: 'Whether the provider confirmed revoking the tokens (false where it offers no revocation).',
  })
  tokensRevoked: boolean;
}
