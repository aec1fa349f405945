import { IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description: 'A document to upload: the row is created now, the bytes go to the returned signed URL.',
})
export class UploadDocumentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The patient the document belongs to; the caller’s own record when omitted.',
  })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;

  @Field(() => String, {
    description: 'The file’s name, for display only (the type is read from the content).',
  })
  @IsString()
  @Length(1, 255)
  filename: string;

  @Field(() => Int, {
    description: 'Size of the file in bytes; the upload URL accepts exactly up to this many.',
  })
  @IsInt()
  @Min(0)
  size: number;
}
