import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { digest } from '../cache/terminology-cache';
import { CodeConceptEntity } from '../entities/code-concept.entity';
import { codeConceptLoader } from '../loaders/code-concept.loader';
import type { StandardizedLabResult as StandardizedResult } from '../standardization/lab-result';
import type { StandardsServices } from '../services/standards-services';
import { unitDisplay } from '../units/unit-display';
import { CodeSystem } from '../vocabulary/code-system';
import { LabResultInput } from './types/lab-result.input';
import { StandardizedLabResult } from './types/standardized-lab-result.type';

/**
 * The GraphQL shape of a standardization result. Batches map 10,000 of these per request: the fields are listed
 * one by one because rest/spread copying cost more than the rest of the mapping.
 */
export function toStandardizedLabResult(result: StandardizedResult): StandardizedLabResult {
  const { concept } = result;
  return {
    loincCode: concept?.code ?? null,
    loincDisplay: concept?.display ?? null,
    shortName: concept ? (concept.properties.shortName ?? concept.display) : null,
    confidence: result.confidence,
    matchReason: result.matchReason,
    value: result.value,
    unit: result.unit,
    normalizedValue: result.normalizedValue,
    normalizedUnit: result.normalizedUnit,
    unitDisplay: result.unit === null ? null : unitDisplay(result.unit),
    normalizedUnitDisplay: result.normalizedUnit === null ? null : unitDisplay(result.normalizedUnit),
    normalizedReferenceLow: result.normalizedReferenceLow,
    normalizedReferenceHigh: result.normalizedReferenceHigh,
    referenceRangeSource: result.referenceRangeSource,
    flag: result.flag,
    warnings: result.warnings,
  };
}

@Resolver(() => StandardizedLabResult)
export class LabStandardizationResolver {
  @Authorized()
  @Query(() => StandardizedLabResult, {
    description: 'Maps one lab result to LOINC and UCUM (cached for 24 h).',
  })
  async standardizeLabResult(
    @Arg('input', () => LabResultInput, { description: 'The lab result.' }) input: LabResultInput,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<StandardizedLabResult> {
    const key = digest([
      input.name,
      input.code,
      input.system,
      input.value,
      input.unit,
      input.referenceLow,
      input.referenceHigh,
    ]);
    const cached = await ctx.services.cache.get<StandardizedLabResult>('standardization', key);
    if (cached.value) return cached.value;
    const [result] = await ctx.services.standardizer.standardize([input]);
    const standardized = toStandardizedLabResult(result!);
    await ctx.services.cache.set('standardization', key, standardized, cached.generation);
    return standardized;
  }

  @Authorized()
  @Query(() => [StandardizedLabResult], {
    description: 'Maps up to 10,000 lab results to LOINC and UCUM, in input order.',
  })
  async standardizeLabResults(
    // The domain check (checkLabInputs) enforces the same limits in one pass; class-validator on 10,000 nested
    // objects cost more than the standardization itself.
    @Arg('inputs', () => [LabResultInput], {
      description: 'The lab results (at most 10,000).',
      validate: false,
    })
    inputs: LabResultInput[],
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<StandardizedLabResult[]> {
    return (await ctx.services.standardizer.standardize(inputs)).map(toStandardizedLabResult);
  }

  @FieldResolver(() => CodeConceptEntity, { nullable: true, description: 'The full LOINC concept.' })
  async concept(
    @Root() result: StandardizedLabResult,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<CodeConceptEntity | null> {
    return result.loincCode
      ? codeConceptLoader(ctx).load({ system: CodeSystem.LOINC, code: result.loincCode })
      : null;
  }
}
