import { describe, expect, it } from 'vitest';
import { compactPrompt, factInstructions } from './prompt-compaction';
import { placeholdersIn, renderPrompt } from './prompt-rendering';

const CHAT =
  'You are a careful clinical assistant answering a patient’s question about their own health record. Use only ' +
  'the records given. Every statement must cite the ids of the records it rests on; do not state anything the ' +
  'records do not support. Please answer in a small number of short plain-language statements, and in order to ' +
  'be clear, avoid medical jargon where possible.\n---\nThe patient’s question: {{question}}';

describe('compactPrompt', () => {
  it('drops tokens while keeping every placeholder and cited-fact instruction word for word', () => {
    const result = compactPrompt(CHAT);
    expect(result.tokensAfter).toBeLessThan(result.tokensBefore);
    expect(placeholdersIn(result.text)).toEqual(['question']);
    for (const fact of factInstructions(CHAT)) expect(result.text).toContain(fact);
    expect(result.text).toContain('Answer in few short plain-language statements, and to be clear, avoid');
    expect(result.text).not.toMatch(/please|careful|where possible/i);
  });

  it('is deterministic and keeps the instruction / task split', () => {
    expect(compactPrompt(CHAT).text).toBe(compactPrompt(CHAT).text);
    const rendered = renderPrompt(compactPrompt(CHAT).text, { question: 'Is my LDL high?' });
    expect(rendered.task).toBe('The patient’s question: Is my LDL high?');
    expect(rendered.instruction).not.toContain('LDL');
  });

  it('removes a repeated sentence', () => {
    const result = compactPrompt('Keep it short. Keep it short. Cite the ids.');
    expect(result.text).toBe('Keep it short. Cite the ids.');
  });
});

describe('renderPrompt', () => {
  it('refuses a placeholder without a value', () => {
    expect(() => renderPrompt('Answer: {{question}}', {})).toThrow('{{question}}');
  });
});
