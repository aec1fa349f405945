import { registerEnumType } from 'type-graphql';

/** Which extractor found a result, so the patient sees whether rules or a language model read it. */
export enum ExtractionMethod {
  RULES = 'RULES',
  MODEL = 'MODEL',
}

registerEnumType(ExtractionMethod, {
  name: 'ExtractionMethod',
  description: 'Which extractor found a result.',
  valuesConfig: {
    RULES: {
      description:
        'The layout rules (lab tables, diagnosis and medication sections). They win where the model found the same row.',
    },
    MODEL: {
      description:
        'Only the language model found it (from the de-identified page text); check it against the page before confirming.',
    },
  },
});
