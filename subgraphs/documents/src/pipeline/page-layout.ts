import type { LayoutBox, LayoutLine } from '../entities/layout-box';

/** One word (or PDF text run) on a page and its box, origin top left. */
export interface PageWord {
  text: string;
  box: LayoutBox;
  /** 0–1; 1 for text-layer words. */
  confidence: number;
}

/** A page as the extractor sees it: its size and its words, whatever produced them. */
export interface PageLayout {
  pageNumber: number;
  width: number;
  height: number;
  words: PageWord[];
}

/** Words of one visual line, left to right. */
export interface WordLine {
  words: PageWord[];
  box: LayoutBox;
}

export function unionBox(boxes: LayoutBox[]): LayoutBox {
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Groups words into visual lines: a word joins the line whose vertical middle it overlaps, so a table row stays one
 * line even when its cells were emitted (or recognized) out of order.
 */
export function groupLines(words: PageWord[]): WordLine[] {
  const sorted = words
    .filter((word) => word.text.trim() !== '')
    .sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
  const lines: PageWord[][] = [];
  for (const word of sorted) {
    const middle = word.box.y + word.box.height / 2;
    const line = lines.find((candidate) => {
      const box = unionBox(candidate.map((member) => member.box));
      return middle >= box.y && middle <= box.y + box.height;
    });
    if (line) line.push(word);
    else lines.push([word]);
  }
  return lines
    .map((line) => {
      const ordered = line.sort((a, b) => a.box.x - b.box.x);
      return { words: ordered, box: unionBox(ordered.map((word) => word.box)) };
    })
    .sort((a, b) => a.box.y - b.box.y);
}

/** A line's text: words joined by one space, three where a wide gap separates table cells, none where they touch. */
export function lineText(line: WordLine): string {
  let text = '';
  line.words.forEach((word, index) => {
    if (index > 0) {
      const previous = line.words[index - 1] as PageWord;
      const gap = word.box.x - (previous.box.x + previous.box.width);
      const height = Math.max(previous.box.height, word.box.height);
      // Touching runs are one word a PDF split around a ligature (de|ﬁ|ciency); OCR words never touch.
      text += gap > height ? '   ' : gap < height * 0.05 ? '' : ' ';
    }
    text += word.text.trim();
  });
  return text;
}

/** The page's lines as stored on DocumentPage (text and box). */
export function layoutLines(page: PageLayout): LayoutLine[] {
  return groupLines(page.words).map((line) => ({ text: lineText(line), box: line.box }));
}
