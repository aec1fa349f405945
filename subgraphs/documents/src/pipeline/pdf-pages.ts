import { extractImages, getDocumentProxy } from 'unpdf';
import { DocumentReadError, DocumentReadFailure } from './document-read-error';
import type { PageLayout } from './page-layout';
import { renderPdfPage } from './page-images';
import { declaredPdfImageSizes } from './pdf-image-sizes';

/** A PDF page with too little embedded text is an image page (a scan) and goes to OCR. */
const MIN_TEXT_LAYER_CHARACTERS = 20;

export interface RawImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Each page carries its rendering (PNG) for the viewer, or null when it could not be drawn. */
export type PdfPage =
  | { kind: 'text'; layout: PageLayout; rendered: Buffer | null }
  | {
      kind: 'image';
      pageNumber: number;
      width: number;
      height: number;
      images: RawImage[];
      rendered: Buffer | null;
    };

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

async function openPdf(
  bytes: Buffer,
  maxImagePixels: number,
): Promise<Awaited<ReturnType<typeof getDocumentProxy>>> {
  try {
    return await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      stopAtErrors: true,
      // pdf.js drops (never decodes) larger images; the declared sizes were already checked from the raw bytes.
      maxImageSize: maxImagePixels,
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException')
      throw new DocumentReadError(DocumentReadFailure.ENCRYPTED_PDF, 'The PDF is password-protected.');
    throw new DocumentReadError(DocumentReadFailure.CORRUPT, 'The PDF is damaged and cannot be read.');
  }
}

/**
 * Reads each page of a PDF: its text layer as positioned words when it has one, else its embedded images for OCR;
 * every page is also rendered to a PNG for the viewer (after the image-size check, so a bomb is never drawn).
 * Fails cleanly (DocumentReadError) on encrypted, damaged or over-long PDFs.
 */
export async function readPdfPages(
  bytes: Buffer,
  limits: { maxPages: number; maxImagePixels: number },
): Promise<PdfPage[]> {
  const bomb = declaredPdfImageSizes(bytes).find((size) => size.width * size.height > limits.maxImagePixels);
  if (bomb)
    throw new DocumentReadError(
      DocumentReadFailure.IMAGE_TOO_LARGE,
      `The PDF holds a ${bomb.width}×${bomb.height} image; the limit is ${limits.maxImagePixels} pixels.`,
    );
  const pdf = await openPdf(bytes, limits.maxImagePixels);
  try {
    if (pdf.numPages > limits.maxPages)
      throw new DocumentReadError(
        DocumentReadFailure.TOO_MANY_PAGES,
        `The PDF has ${pdf.numPages} pages; at most ${limits.maxPages} are read.`,
      );
    const pages: PdfPage[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber += 1) {
      const page = await pdf.getPage(pageNumber);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const words = (content.items as TextItemLike[])
        .filter((item) => (item.str ?? '').trim() !== '' && item.transform)
        .map((item) => {
          const transform = item.transform as number[];
          const itemHeight = item.height || Math.abs(transform[3] ?? 10);
          return {
            // NFKC unfolds typographic ligatures (ﬁ → fi) so names read and search as typed.
            text: (item.str as string).normalize('NFKC').trim(),
            box: {
              x: transform[4] as number,
              y: height - (transform[5] as number) - itemHeight,
              width: item.width ?? 0,
              height: itemHeight,
            },
            confidence: 1,
          };
        });
      const characters = words.reduce((sum, word) => sum + word.text.length, 0);
      if (characters >= MIN_TEXT_LAYER_CHARACTERS) {
        const rendered = await renderPdfPage(pdf, pageNumber, { width, height });
        pages.push({ kind: 'text', layout: { pageNumber, width, height, words }, rendered });
        continue;
      }
      const images = (await extractImages(pdf, pageNumber)).filter((image) => image.width * image.height > 0);
      for (const image of images) {
        if (image.width * image.height > limits.maxImagePixels)
          throw new DocumentReadError(
            DocumentReadFailure.IMAGE_TOO_LARGE,
            `Page ${pageNumber} holds a ${image.width}×${image.height} image; the limit is ${limits.maxImagePixels} pixels.`,
          );
      }
      const rendered = await renderPdfPage(pdf, pageNumber, { width, height });
      pages.push({ kind: 'image', pageNumber, width, height, images, rendered });
    }
    return pages;
  } catch (error) {
    if (error instanceof DocumentReadError) throw error;
    throw new DocumentReadError(DocumentReadFailure.CORRUPT, 'The PDF is damaged and cannot be read.');
  } finally {
    await pdf.destroy();
  }
}

/** Raw pixels as a binary PNM (PGM or PPM), which tesseract reads without another image library. */
export function rawImageToPnm(image: RawImage): Buffer {
  const gray = image.channels === 1;
  const header = Buffer.from(`${gray ? 'P5' : 'P6'}\n${image.width} ${image.height}\n255\n`, 'ascii');
  if (gray || image.channels === 3) return Buffer.concat([header, Buffer.from(image.data)]);
  const rgb = Buffer.alloc(image.width * image.height * 3);
  for (let pixel = 0, out = 0; pixel < image.data.length; pixel += 4, out += 3) {
    rgb[out] = image.data[pixel] as number;
    rgb[out + 1] = image.data[pixel + 1] as number;
    rgb[out + 2] = image.data[pixel + 2] as number;
  }
  return Buffer.concat([header, rgb]);
}
