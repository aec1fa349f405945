import type { DocumentPageEntity } from '../entities/document-page.entity';
import { PageTextSource } from '../entities/document-status';
import { detectMediaType, imageDimensions } from './content-type';
import { DocumentReadError, DocumentReadFailure } from './document-read-error';
import type { OcrEngine } from './ocr-engine';
import { layoutLines, type PageLayout } from './page-layout';
import { rawImageToPnm, readPdfPages } from './pdf-pages';

export interface ReadLimits {
  maxPages: number;
  maxImagePixels: number;
}

/**
 * What the viewer shows for a page: a rendered PDF page to store, the uploaded image itself (PNG, JPEG), or nothing
 * (TIFF, which browsers do not display; its text and rows are still shown).
 */
export type PageImage = { kind: 'rendered'; png: Buffer } | { kind: 'original' } | { kind: 'none' };

/** A page read from a file: its layout (for extraction), its image and what is stored for it. */
export interface ReadPage {
  layout: PageLayout;
  source: PageTextSource;
  ocrConfidence: number | null;
  image: PageImage;
}

const renderedImage = (png: Buffer | null): PageImage => (png ? { kind: 'rendered', png } : { kind: 'none' });

/**
 * Text of every page of a file: the PDF text layer where there is one, OCR only for image pages and images.
 * `onPage` reports progress after each page.
 */
export async function readDocumentPages(
  bytes: Buffer,
  ocr: OcrEngine,
  limits: ReadLimits,
  onPage: (done: number, total: number) => Promise<void>,
): Promise<ReadPage[]> {
  if (bytes.length === 0) throw new DocumentReadError(DocumentReadFailure.EMPTY, 'The file is empty.');
  const type = detectMediaType(bytes.subarray(0, 4096));
  if (type === null)
    throw new DocumentReadError(
      DocumentReadFailure.UNSUPPORTED_TYPE,
      'The file is not a PDF, PNG, JPEG or TIFF.',
    );
  if (type !== 'application/pdf') {
    const size = imageDimensions(bytes, type);
    if (size === null)
      throw new DocumentReadError(DocumentReadFailure.CORRUPT, 'The image is damaged and cannot be read.');
    if (size.width * size.height > limits.maxImagePixels)
      throw new DocumentReadError(
        DocumentReadFailure.IMAGE_TOO_LARGE,
        `The image is ${size.width}×${size.height} pixels; the limit is ${limits.maxImagePixels} pixels.`,
      );
    const result = await ocr.recognize(bytes).catch(() => {
      throw new DocumentReadError(DocumentReadFailure.CORRUPT, 'The image is damaged and cannot be read.');
    });
    await onPage(1, 1);
    return [
      {
        layout: { pageNumber: 1, width: size.width, height: size.height, words: result.words },
        source: PageTextSource.OCR,
        ocrConfidence: result.confidence,
        image: type === 'image/tiff' ? { kind: 'none' } : { kind: 'original' },
      },
    ];
  }
  const pdfPages = await readPdfPages(bytes, limits);
  const pages: ReadPage[] = [];
  for (const page of pdfPages) {
    if (page.kind === 'text') {
      pages.push({
        layout: page.layout,
        source: PageTextSource.TEXT_LAYER,
        ocrConfidence: null,
        image: renderedImage(page.rendered),
      });
    } else {
      // A scanned page is usually one image filling the page: recognize each and keep its pixel coordinates.
      const largest = [...page.images].sort((a, b) => b.width * b.height - a.width * a.height)[0];
      const result = largest ? await ocr.recognize(rawImageToPnm(largest)) : { words: [], confidence: 0 };
      pages.push({
        layout: {
          pageNumber: page.pageNumber,
          width: largest?.width ?? page.width,
          height: largest?.height ?? page.height,
          words: result.words,
        },
        source: PageTextSource.OCR,
        ocrConfidence: result.confidence,
        image: renderedImage(page.rendered),
      });
    }
    await onPage(pages.length, pdfPages.length);
  }
  return pages;
}

/** The stored form of a read page. */
export function toPageRow(
  page: ReadPage,
  documentId: string,
  patientId: string,
  imageKey: string | null,
): Partial<DocumentPageEntity> {
  const lines = layoutLines(page.layout);
  return {
    documentId,
    patientId,
    pageNumber: page.layout.pageNumber,
    text: lines.map((line) => line.text).join('\n'),
    source: page.source,
    ocrConfidence: page.ocrConfidence,
    width: page.layout.width,
    height: page.layout.height,
    lines,
    imageKey,
  };
}
