import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PromptCategory } from '../prompts/prompt-category';

@ObjectType('PromptTemplate', {
  description:
    'One version of the prompt a category of model call is made with. Active versions compete (A/B) by measured score.',
})
@Entity({ name: 'prompt_template' })
export class PromptTemplateEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => PromptCategory, { description: 'What the template is for.' })
  @Column({ type: 'text' })
  category: PromptCategory;

  @Field(() => Int, { description: 'Version within the category, from 1.' })
  @Column({ type: 'int' })
  version: number;

  @Field(() => String, {
    description:
      'The text: system instruction, a line of dashes, then the task; {{question}} is filled at call time.',
  })
  @Column({ type: 'text' })
  text: string;

  @Field(() => Boolean, { description: 'Whether calls may use it.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => ID, { nullable: true, description: 'The version it was derived from (optimizePrompt).' })
  @Column({ name: 'derived_from_id', type: 'uuid', nullable: true })
  derivedFromId: string | null;

  @Field(() => Date, { description: 'When it was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
