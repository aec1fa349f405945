/**
 * Token counts the way an OpenAI-style tokenizer roughly lands on English: about four characters a token,
 * plus a few tokens of framing per message. Deterministic, so tests and cost figures are reproducible.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

export function estimatePromptTokens(messages: readonly string[]): number {
  return messages.reduce((total, text) => total + estimateTokens(text) + 4, 3);
}
