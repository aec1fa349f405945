import type { RequestContext } from '@holovitals/subgraph-kit';
import type { CodeConceptEntity } from '../entities/code-concept.entity';
import { codeConceptLoader } from '../loaders/code-concept.loader';
import type { StandardsServices } from '../services/standards-services';
import { parseCodeSystem } from '../vocabulary/code-system';

export async function resolveCodeConceptReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<CodeConceptEntity | null> {
  const system = parseCodeSystem(String(reference['system']));
  if (system === null) return null;
  return codeConceptLoader(ctx as RequestContext<StandardsServices>).load({
    system,
    code: String(reference['code']),
  });
}
