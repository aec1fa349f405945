import { Field, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';
import { HealthRecordBase } from './health-record-base';

/** A record filed under one code (SNOMED CT, RxNorm, CVX, …). */
@ObjectType()
export abstract class CodedRecordBase extends HealthRecordBase {
  @Column({ name: 'code_system', type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'URI of the code system, e.g. http://snomed.info/sct.',
  })
  codeSystem: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Code within the code system.' })
  code: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Human-readable name of the code.' })
  display: string | null;
}
