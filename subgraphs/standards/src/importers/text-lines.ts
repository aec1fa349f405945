import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The file's lines, streamed (release files are hundreds of MB); a UTF-8 BOM is dropped. */
export async function* textLines(file: string): AsyncIterable<string> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    yield first ? line.replace(/^\uFEFF/, '') : line;
    first = false;
  }
}
