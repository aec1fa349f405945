import './pdfjs-node-compat';
import { renderPageAsImage, type getDocumentProxy } from 'unpdf';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Rendered page images stay under this many pixels whatever size the PDF declares for the page. */
const MAX_RENDER_PIXELS = 4_000_000;
/** Sharp enough to read small table text on screen (1.5 × 72 dpi). */
const PREFERRED_SCALE = 1.5;

/** The scale that renders a `width`×`height` page (PDF points) sharply but within MAX_RENDER_PIXELS. */
export function renderScale(width: number, height: number): number {
  const area = Math.max(width * height, 1);
  return Math.min(PREFERRED_SCALE, Math.sqrt(MAX_RENDER_PIXELS / area));
}

/**
 * One PDF page as a PNG for the viewer (pdf.js drawing on @napi-rs/canvas). Null when the page cannot be drawn: the
 * viewer then shows text and rows without the image, and the text already read is not thrown away.
 */
export async function renderPdfPage(
  pdf: PdfDocument,
  pageNumber: number,
  size: { width: number; height: number },
): Promise<Buffer | null> {
  try {
    const png = await renderPageAsImage(pdf, pageNumber, {
      canvasImport: () => import('@napi-rs/canvas'),
      scale: renderScale(size.width, size.height),
    });
    return Buffer.from(png);
  } catch {
    return null;
  }
}
