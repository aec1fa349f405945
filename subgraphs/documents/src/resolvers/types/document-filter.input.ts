import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DocumentStatus } from '../../entities/document-status';

@InputType({ description: 'Which documents to list.' })
export class DocumentFilter {
  @Field(() => ID, {
    nullable: true,
    description:
      'Only this patient’s documents (required for grantees and admins; owners default to their own).',
  })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;

  @Field(() => DocumentStatus, { nullable: true, description: 'Only documents in this status.' })
  @IsOptional()
  @IsEnum(DocumentStatus)
  status?: DocumentStatus | null;
}
