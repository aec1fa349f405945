import { IdentifierKind } from '@holovitals/deidentify';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(IdentifierKind, {
  name: 'IdentifierKind',
  description: 'A HIPAA Safe Harbor identifier kind (45 CFR 164.514(b)(2)).',
  valuesConfig: {
    NAME: { description: 'A person’s name.' },
    DATE: { description: 'A date more precise than a year (the year is kept).' },
    AGE: { description: 'An age over 89.' },
    ADDRESS: { description: 'A street address or a place smaller than a state.' },
    ZIP: { description: 'A ZIP code (the first three digits are kept where allowed).' },
    PHONE: { description: 'A telephone number.' },
    FAX: { description: 'A fax number.' },
    EMAIL: { description: 'An e-mail address.' },
    SSN: { description: 'A Social Security number.' },
    MRN: { description: 'A medical record number.' },
    ACCOUNT: { description: 'An account number.' },
    HEALTH_PLAN: { description: 'A health plan beneficiary or member number.' },
    LICENSE: { description: 'A certificate or licence number.' },
    DEVICE: { description: 'A device identifier or serial number.' },
    VEHICLE: { description: 'A vehicle identifier or licence plate.' },
    URL: { description: 'A web address.' },
    IP: { description: 'An IP address.' },
  },
});

@ObjectType('IdentifierSpan', { description: 'Where one identifier was found in the text sent.' })
export class IdentifierSpanType {
  @Field(() => Int, {
    description: 'Offset of its first character in the input (UTF-16 code units, as JavaScript counts).',
  })
  start!: number;

  @Field(() => Int, { description: 'Offset just after its last character in the input (exclusive).' })
  end!: number;

  @Field(() => IdentifierKind, { description: 'What kind of identifier it is.' })
  kind!: IdentifierKind;
}

@ObjectType('DeidentifiedText', { description: 'A text with its Safe Harbor identifiers replaced.' })
export class DeidentifiedTextType {
  @Field({ description: 'The text with each identifier replaced by its kind, e.g. [NAME] or [DATE 2024].' })
  text!: string;

  @Field(() => [IdentifierSpanType], {
    description: 'The identifiers found, in the input’s offsets, in order.',
  })
  spans!: IdentifierSpanType[];
}
