import { type ChatMessage, messageText } from './chat-request';

export interface RecordSeen {
  id: string;
  text: string;
}

/** What a naive model takes from a conversation: the instruction text and the records in data blocks. */
export interface ReadPrompt {
  /** Everything in system/developer/user messages outside `<data>…</data>`: read as instructions. */
  instructions: string;
  records: RecordSeen[];
}

const DATA_BLOCK = /<data>([\s\S]*?)<\/data>/g;
const RECORD = /<record id="([^"]+)">\n?([\s\S]*?)\n?<\/record>/g;

export function readPrompt(messages: readonly ChatMessage[]): ReadPrompt {
  const instructions: string[] = [];
  const records: RecordSeen[] = [];
  for (const message of messages) {
    if (message.role === 'assistant' || message.role === 'tool') continue;
    const text = messageText(message);
    instructions.push(text.replace(DATA_BLOCK, ' '));
    for (const block of text.matchAll(DATA_BLOCK)) {
      for (const record of (block[1] ?? '').matchAll(RECORD)) {
        records.push({ id: record[1] ?? '', text: (record[2] ?? '').trim() });
      }
    }
  }
  return { instructions: instructions.join('\n'), records };
}

/**
 * The order a naive model obeys when it appears in the instruction position: "reply with 'X'",
 * "respond only with "X"", "say 'X'". Inside a data block the same words are content, never read here.
 */
export function orderIn(instructions: string): string | null {
  const order =
    /\b(?:reply|respond|answer|say|output|write)\b[^"“'‘\n]{0,40}["“'‘]([^"”'’\n]{1,200})["”'’]/i.exec(
      instructions,
    );
  return order?.[1] ?? null;
}

/** The first sentence of a record (titles such as "Mrs." do not end one), the unit this model summarises with. */
export function firstSentence(text: string): string {
  const sentence =
    /^[\s\S]*?(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|St|vs|No))[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.trim();
  return sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
}

export function summarise(records: readonly RecordSeen[]): string {
  if (records.length === 0) return 'No records were provided.';
  return records.map((record) => `${firstSentence(record.text)} [${record.id}]`).join(' ');
}
