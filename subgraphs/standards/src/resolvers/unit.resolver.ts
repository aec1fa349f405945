import { Arg, Authorized, Float, Query, Resolver } from 'type-graphql';
import { convertUnit } from '../units/unit-conversion';
import { validateUnit } from '../units/unit-validation';
import { UnitConversion } from './types/unit-conversion.type';
import { UnitValidation } from './types/unit-validation.type';

@Resolver()
export class UnitResolver {
  @Authorized()
  @Query(() => UnitConversion, {
    description:
      'Converts a value between UCUM units (ucum-lhc); mass ↔ molar needs molecularWeight in g/mol. Invalid or incompatible units fail with BAD_USER_INPUT, the reason and suggestions.',
  })
  async convertUnit(
    @Arg('value', () => Float, { description: 'The value.' }) value: number,
    @Arg('from', () => String, { description: 'Source UCUM unit, e.g. mg/dL.' }) from: string,
    @Arg('to', () => String, { description: 'Target UCUM unit, e.g. mmol/L.' }) to: string,
    @Arg('molecularWeight', () => Float, { nullable: true, description: 'g/mol, for mass ↔ molar.' })
    molecularWeight: number | null,
  ): Promise<UnitConversion> {
    return convertUnit(value, from, to, molecularWeight);
  }

  @Authorized()
  @Query(() => UnitValidation, {
    description: 'Whether a text is valid UCUM, why not, and what may have been meant.',
  })
  async validateUnit(
    @Arg('unit', () => String, { description: 'The unit text.' }) unit: string,
  ): Promise<UnitValidation> {
    return validateUnit(unit);
  }
}
