import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ContextTierKind {
  HOT = 'HOT',
  COLD = 'COLD',
}

registerEnumType(ContextTierKind, {
  name: 'ContextTier',
  description: 'Where the context cache answered from.',
  valuesConfig: {
    HOT: { description: 'Redis (recently stored or read).' },
    COLD: { description: 'PostgreSQL; the hot copy was gone and has been restored.' },
  },
});

@ObjectType('ContextEntry', {
  description:
    'De-identified patient context cached for model calls: encrypted in Redis (hot) and PostgreSQL (cold), kept by importance.',
})
export class ContextEntryType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The patient the context is about.' })
  patientId!: string;

  @Field(() => String, {
    description: 'The sanitized text (Safe Harbor identifiers replaced); never the original.',
  })
  text!: string;

  @Field(() => Int, { description: 'How many identifiers sanitizing replaced before the text was stored.' })
  identifiersRemoved!: number;

  @Field(() => Float, {
    description: 'Worth keeping, 0–1: clinical density, decayed by age, lifted by reads.',
  })
  importance!: number;

  @Field(() => ContextTierKind, { description: 'Where this read was answered from.' })
  tier!: ContextTierKind;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: 'When the cold copy is deleted; moves with importance.' })
  expiresAt!: Date;
}

@InputType({ description: 'Context to cache for a patient; it is de-identified before anything is stored.' })
export class StoreContextInput {
  @Field(() => ID)
  patientId!: string;

  @Field(() => String, { description: 'The context text (ANALYSIS_CONTEXT_MAX_CHARS at most).' })
  text!: string;
}
