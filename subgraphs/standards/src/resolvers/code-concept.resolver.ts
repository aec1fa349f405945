import { DomainError, ErrorCode, type RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { digest } from '../cache/terminology-cache';
import { CodeConceptEntity } from '../entities/code-concept.entity';
import { codeConceptLoader } from '../loaders/code-concept.loader';
import { type CodeMatchRow, searchCodes } from '../search/code-search';
import { searchTerms } from '../search/search-text';
import type { StandardsServices } from '../services/standards-services';
import { CodeSystem } from '../vocabulary/code-system';
import { CodeMatch } from './types/code-match.type';
import { CodeValidation } from './types/code-validation.type';
import { ConceptProperty } from './types/concept-property.type';

const MAX_CODE_LENGTH = 64;
const DEFAULT_RESULTS = 20;

function checkedCode(code: string): string {
  const trimmed = code.trim();
  if (trimmed === '' || trimmed.length > MAX_CODE_LENGTH || /\p{Cc}/u.test(trimmed)) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `code must be 1 to ${MAX_CODE_LENGTH} printable characters.`,
    );
  }
  return trimmed;
}

@Resolver(() => CodeConceptEntity)
export class CodeConceptResolver {
  @Authorized()
  @Query(() => [CodeMatch], {
    description:
      'Ranked search by code or text (exact code > code prefix > full text > similar text; typo tolerant).',
  })
  async searchCodes(
    @Arg('system', () => CodeSystem, {
      nullable: true,
      description: 'Limit to one code system; all when omitted.',
    })
    system: CodeSystem | null,
    @Arg('text', () => String, { description: 'A code or words, at most 200 characters.' }) text: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'How many results, 1 to 100.' })
    first: number | null,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<CodeMatch[]> {
    const count = first ?? DEFAULT_RESULTS;
    const key = digest([system ?? null, searchTerms(text).lower, count]);
    const cached = await ctx.services.cache.get<CodeMatchRow[]>('search', key);
    const rows = cached.value ?? (await searchCodes(ctx.dataSource, system ?? null, text, count));
    if (!cached.value) await ctx.services.cache.set('search', key, rows, cached.generation);
    return rows.map(({ kind, score, ...concept }) => ({ concept, matchKind: kind, score }));
  }

  @Authorized()
  @Query(() => CodeConceptEntity, {
    nullable: true,
    description: 'One concept by system and code; null when unknown.',
  })
  async code(
    @Arg('system', () => CodeSystem, { description: 'Code system.' }) system: CodeSystem,
    @Arg('code', () => String, { description: 'The code.' }) code: string,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<CodeConceptEntity | null> {
    return codeConceptLoader(ctx).load({ system, code: checkedCode(code) });
  }

  @Authorized()
  @Query(() => CodeValidation, {
    description: 'Whether a code exists and is active, and whether a display matches it.',
  })
  async validateCode(
    @Arg('system', () => CodeSystem, { description: 'Code system.' }) system: CodeSystem,
    @Arg('code', () => String, { description: 'The code.' }) code: string,
    @Arg('display', () => String, { nullable: true, description: 'A display to check against the concept.' })
    display: string | null,
    @Ctx() ctx: RequestContext<StandardsServices>,
  ): Promise<CodeValidation> {
    const concept = await codeConceptLoader(ctx).load({ system, code: checkedCode(code) });
    if (!concept)
      return {
        valid: false,
        concept: null,
        displayMatches: null,
        message: `${code} is not a ${system} code.`,
      };
    const wanted = display?.trim().toLowerCase();
    const displayMatches = wanted
      ? [concept.display, ...concept.synonyms].some((name) => name.toLowerCase() === wanted)
      : null;
    const active = concept.status === 'active';
    const valid = active && displayMatches !== false;
    const message = !active
      ? `${code} is ${concept.status}.`
      : displayMatches === false
        ? `"${display}" is not a display of ${system} ${code} (expected "${concept.display}").`
        : null;
    return { valid, concept, displayMatches, message };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The common name people read ("Platelets", "Hemoglobin A1c", "Blood pressure") where the starter vocabulary ' +
      'has one; lists and charts show it, detail pages the full display.',
  })
  shortName(@Root() concept: CodeConceptEntity): string | null {
    const shortName = concept.properties?.['shortName'];
    return typeof shortName === 'string' ? shortName : null;
  }

  @FieldResolver(() => [ConceptProperty], {
    description: 'Code-system-specific properties (e.g. the LOINC axes).',
  })
  properties(@Root() concept: CodeConceptEntity): ConceptProperty[] {
    return Object.entries(concept.properties ?? {})
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) }));
  }
}
