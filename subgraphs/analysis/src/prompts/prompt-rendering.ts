/** A `{{name}}` slot in a template, filled at call time. */
export const PLACEHOLDER = /\{\{\s*([a-z][a-zA-Z]*)\s*\}\}/g;

/** The line that separates a template's system instruction from its task (user position, before the data). */
export const TASK_SEPARATOR = /\n-{3,}\n/;

/** The values a template may use; a template naming any other placeholder is refused when stored. */
export interface PromptValues {
  question?: string;
}

export const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(['question']);

export interface RenderedPrompt {
  instruction: string;
  task: string;
}

/** The placeholders a template uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/**
 * Fills a template's placeholders and splits it into the system instruction and the task. A placeholder with no
 * value is an error (a template for a question must get the question), never an empty slot.
 */
export function renderPrompt(text: string, values: PromptValues): RenderedPrompt {
  const filled = text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`Prompt placeholder {{${name}}} has no value`);
    return value;
  });
  const [instruction = '', ...task] = filled.split(TASK_SEPARATOR);
  return { instruction: instruction.trim(), task: task.join('\n').trim() };
}
