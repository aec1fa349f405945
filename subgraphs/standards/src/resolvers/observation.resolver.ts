import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MAX_CODE_LENGTH, MAX_NAME_LENGTH } from '../standardization/lab-input-check';
import type { LabResultInput } from '../standardization/lab-result';
import { checkedUnitText } from '../units/unit-text';
import type { StandardsServices } from '../services/standards-services';
import { toStandardizedLabResult } from './lab-standardization.resolver';
import { ExtractionReference } from './types/extraction.type';
import { ObservationReference } from './types/observation.type';
import type { StandardizedLabResult } from './types/standardized-lab-result.type';

/**
 * Stored observations are not user input: a unit that is not even UCUM-shaped is dropped (the result then says the
 * value was not normalized) instead of failing the whole request's batch.
 */
function readableUnit(unit: string | null): string | null {
  if (unit === null) return null;
  try {
    return checkedUnitText(unit);
  } catch {
    return null;
  }
}

/**
 * The documents subgraph's code system for a lab test's printed name. Its diagnoses and medications carry other
 * systems (ICD-10-CM, RxNorm, their printed names): the lab mapping says nothing about them.
 */
export const DOCUMENT_LAB_NAME_SYSTEM = 'urn:holovitals:document-lab-name';

/** All observations (and document extractions) of one request are standardized as one batch. */
function observationStandardizer(
  ctx: RequestContext<StandardsServices>,
): DataLoader<LabResultInput, StandardizedLabResult> {
  return ctx.loaders.get(
    'observation-standardized',
    () =>
      new DataLoader<LabResultInput, StandardizedLabResult>(
        async (inputs) => (await ctx.services.standardizer.standardize(inputs)).map(toStandardizedLabResult),
        { cache: false },
      ),
  );
}

/** Observation and Extraction carry the same fields under the same names, so one standardization serves both. */
function standardize(
  observation: ObservationReference | ExtractionReference,
  ctx: RequestContext<StandardsServices>,
): Promise<StandardizedLabResult> {
  return observationStandardizer(ctx).load({
    code: observation.code.slice(0, MAX_CODE_LENGTH),
    system: observation.codeSystem.slice(0, MAX_NAME_LENGTH),
    name: observation.display.slice(0, MAX_NAME_LENGTH),
    value: observation.value,
    unit: readableUnit(observation.unit),
    referenceLow: observation.referenceLow,
    referenceHigh: observation.referenceHigh,
  });
}

@Resolver(() => ObservationReference)
export class ObservationResolver {
  @FieldResolver()
  standardized(
    @Root() observation: ObservationReference,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<StandardizedLabResult | null> {
    return standardize(observation, ctx);
  }
}

@Resolver(() => ExtractionReference)
export class ExtractionResolver {
  @FieldResolver()
  standardized(
    @Root() extraction: ExtractionReference,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<StandardizedLabResult | null> {
    if (extraction.codeSystem !== DOCUMENT_LAB_NAME_SYSTEM) return Promise.resolve(null);
    return standardize(extraction, ctx);
  }
}
