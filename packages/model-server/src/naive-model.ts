import type { ChatRequest } from './chat-request';
import { answerDocumentExtraction, DOCUMENT_EXTRACTION_SCHEMA_NAME } from './document-extraction-answer';
import { answerForSchema } from './json-schema-answer';
import { orderIn, readPrompt, summarise } from './prompt-reading';

/**
 * The local stand-in for a language model. Deterministic, and deliberately naive about instructions: an
 * order in the system or user text ("reply with 'X'") is obeyed, as a real model might. Text inside a
 * `<data>` block is read as records only, which is what the model client's data-block contract relies on.
 */
export function answer(request: ChatRequest): string {
  const { instructions, records } = readPrompt(request.messages);
  const order = orderIn(instructions);
  const format = request.response_format;
  if (format?.type === 'json_schema' && format.json_schema.name === DOCUMENT_EXTRACTION_SCHEMA_NAME) {
    return JSON.stringify(answerDocumentExtraction(records, order));
  }
  if (format?.type === 'json_schema') {
    return JSON.stringify(answerForSchema(format.json_schema.schema ?? {}, records, order));
  }
  if (format?.type === 'json_object') {
    return JSON.stringify({
      summary: order ?? summarise(records),
      citations: records.map((record) => record.id),
    });
  }
  if (order !== null) return order;
  if (records.length > 0) return summarise(records);
  const question = instructions.trim().split('\n').pop() ?? '';
  return `You asked: ${question.slice(0, 200)}`;
}
