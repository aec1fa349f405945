import { hasRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { UserEntity } from '../entities/user.entity';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import { userLoader } from '../loaders/user.loader';
import { isDisclosed } from '../services/email-disclosure';

@Resolver(() => UserEntity)
export class UserResolver {
  @Query(() => UserEntity, { nullable: true, description: 'The signed-in user, or null when anonymous.' })
  async me(@Ctx() ctx: RequestContext): Promise<UserEntity | null> {
    if (!ctx.principal || ctx.principal.kind !== 'user') return null;
    return userLoader(ctx).load(ctx.principal.id);
  }

  @FieldResolver(() => String, { description: 'Email address; visible to the user themself and to admins.' })
  email(@Root() user: UserEntity, @Ctx() ctx: RequestContext): string {
    const principal = ctx.principal;
    const allowed =
      isDisclosed(user) || (principal && (principal.id === user.id || hasRole(principal, Role.ADMIN)));
    if (!allowed) {
      throw new IdentityError(
        IdentityErrorCode.EMAIL_HIDDEN,
        'Only the user and admins can see this email address.',
      );
    }
    return user.email;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the email address is confirmed (needed to share data).',
  })
  emailVerified(@Root() user: UserEntity): boolean {
    return user.emailVerifiedAt !== null;
  }
}
