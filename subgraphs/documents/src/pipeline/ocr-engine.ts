import eng from '@tesseract.js-data/eng';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { PageWord } from './page-layout';

export interface OcrResult {
  words: PageWord[];
  /** Mean word confidence, 0–1. */
  confidence: number;
}

interface BoxLike {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface BlockLike {
  paragraphs: { lines: { words: { text: string; confidence: number; bbox: BoxLike }[] }[] }[];
}

/**
 * One tesseract worker per process, with the English model from @tesseract.js-data/eng on disk: no download, no
 * network (langPath is a local folder and the cache is off). Pages are recognized one at a time.
 */
export class OcrEngine {
  private worker: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private start(): Promise<Worker> {
    this.worker ??= createWorker('eng', OEM.LSTM_ONLY, {
      langPath: (eng as { langPath: string }).langPath,
      gzip: true,
      cacheMethod: 'none',
    });
    return this.worker;
  }

  recognize(image: Buffer): Promise<OcrResult> {
    const run = this.queue.then(async () => {
      const worker = await this.start();
      // Auto-rotation straightens slightly skewed scans before layout analysis.
      const result = await worker.recognize(image, { rotateAuto: true }, { blocks: true });
      const blocks = (result.data.blocks ?? []) as unknown as BlockLike[];
      const words: PageWord[] = blocks.flatMap((block) =>
        block.paragraphs.flatMap((paragraph) =>
          paragraph.lines.flatMap((line) =>
            line.words.map((word) => ({
              text: word.text,
              confidence: word.confidence / 100,
              box: {
                x: word.bbox.x0,
                y: word.bbox.y0,
                width: word.bbox.x1 - word.bbox.x0,
                height: word.bbox.y1 - word.bbox.y0,
              },
            })),
          ),
        ),
      );
      const confidence =
        words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
      return { words, confidence };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker).terminate();
  }
}
