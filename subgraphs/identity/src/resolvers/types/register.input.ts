import { IsEmail, IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new patient account.' })
export class RegisterInput {
  @Field({ description: 'Email address; a confirmation link is sent to it.' })
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @Length(3, 254)
  email: string;

  @Field({ description: 'At least 10 characters, including a letter and a digit or symbol.' })
  @Length(10, 128, { message: 'Password must be 10 to 128 characters long.' })
  @Matches(/[A-Za-z]/, { message: 'Password must contain a letter.' })
  @Matches(/[^A-Za-z]/, { message: 'Password must contain a digit or a symbol.' })
  password: string;

  @Field(() => String, { nullable: true, description: 'Name shown in the app.' })
  @IsOptional()
  @Length(1, 120)
  displayName?: string | null;
}
