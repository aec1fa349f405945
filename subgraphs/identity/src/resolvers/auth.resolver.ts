import type { RequestContext } from '@holovitals/subgraph-kit';
import { IsEmail } from 'class-validator';
import { Arg, ArgsType, Args, Ctx, Field, Mutation, Resolver } from 'type-graphql';
import { UserEntity } from '../entities/user.entity';
import type { IdentityServices } from '../services/identity-services';
import { login, refreshSession } from '../services/login';
import { registerUser, resendVerification, verifyEmail } from '../services/registration';
import { AuthPayload } from './types/auth-payload';
import { RegisterInput } from './types/register.input';

@ArgsType()
class LoginArgs {
  @Field({ description: 'Account email.' })
  @IsEmail({}, { message: 'Enter a valid email address.' })
  email: string;

  @Field({ description: 'Account password.' })
  password: string;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => UserEntity, { description: 'Creates a patient account and emails a confirmation link.' })
  register(
    @Arg('input', () => RegisterInput) input: RegisterInput,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<UserEntity> {
    return registerUser(ctx, {
      email: input.email,
      password: input.password,
      displayName: input.displayName ?? null,
    });
  }

  @Mutation(() => UserEntity, {
    description: 'Confirms an email address with the token from the emailed link.',
  })
  verifyEmail(
    @Arg('token', { description: 'Token from the confirmation link.' }) token: string,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<UserEntity> {
    return verifyEmail(ctx, token);
  }

  @Mutation(() => Boolean, {
    description: 'Sends a new confirmation link if the address has an unconfirmed account.',
  })
  async resendVerificationEmail(
    @Arg('email', { description: 'Account email.' }) email: string,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<boolean> {
    await resendVerification(ctx, email);
    return true;
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password and starts a session.' })
  login(
    @Args(() => LoginArgs) args: LoginArgs,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<AuthPayload> {
    return login(ctx, args.email, args.password, ctx.userAgent);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Trades a refresh token for new tokens. Each refresh token works once; reuse ends the session.',
  })
  refreshSession(
    @Arg('refreshToken', { description: 'The latest refresh token of the session.' }) refreshToken: string,
    @Ctx() ctx: RequestContext<IdentityServices>,
  ): Promise<AuthPayload> {
    return refreshSession(ctx, refreshToken);
  }
}
