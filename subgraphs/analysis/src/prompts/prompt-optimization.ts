import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import { PromptTemplateEntity } from '../entities/prompt-template.entity';
import { compactPrompt } from './prompt-compaction';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A new, shorter active version of a template's category (next version number, `derivedFromId` = the template):
 * the old one stays active, so A/B selection decides on measurement which one calls use.
 */
export async function optimizeTemplate(
  dataSource: DataSource,
  templateId: string,
): Promise<PromptTemplateEntity> {
  const template = UUID.test(templateId)
    ? await dataSource.getRepository(PromptTemplateEntity).findOneBy({ id: templateId })
    : null;
  if (!template) {
    throw new AnalysisError(
      AnalysisErrorCode.PROMPT_TEMPLATE_NOT_FOUND,
      `No prompt template ${templateId}.`,
      {
        id: templateId,
      },
    );
  }
  const compacted = compactPrompt(template.text);
  if (compacted.tokensAfter >= compacted.tokensBefore) {
    throw new AnalysisError(
      AnalysisErrorCode.PROMPT_ALREADY_COMPACT,
      'The template has nothing left to shorten without losing a placeholder or a fact instruction.',
      { id: templateId },
    );
  }
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(PromptTemplateEntity);
    // Serialises versioning per category: two optimizations never take the same number.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `prompt_template:${template.category}`,
    ]);
    const latest = await repository.maximum('version', { category: template.category });
    return repository.save({
      category: template.category,
      version: (latest ?? 0) + 1,
      text: compacted.text,
      active: true,
      derivedFromId: template.id,
    });
  });
}
