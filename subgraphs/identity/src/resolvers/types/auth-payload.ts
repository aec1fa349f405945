import { Field, ObjectType } from 'type-graphql';
import { UserEntity } from '../../entities/user.entity';

@ObjectType({ description: 'Tokens for a signed-in session.' })
export class AuthPayload {
  @Field({ description: 'Short-lived ES256 JWT for the Authorization header.' })
  accessToken: string;

  @Field({ description: 'Single-use token for refreshSession; keep it out of script-readable storage.' })
  refreshToken: string;

  @Field({ description: 'When the access token expires.' })
  expiresAt: Date;

  @Field(() => UserEntity, { description: 'The signed-in user.' })
  user: UserEntity;
}
