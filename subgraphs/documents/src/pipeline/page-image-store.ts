import type { BlobStore } from '@holovitals/blob-store';
import { Readable } from 'node:stream';
import { pageImageKey } from '../storage/file-keys';
import type { ReadPage } from './document-reading';

/** A rendered page is a few hundred KB; anything near this is not a page rendering. */
const MAX_PAGE_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Stores each rendered page (encrypted, like every document file) under this run's keys and returns, per page, the
 * key the viewer's link points at: the rendering, the uploaded image itself, or null. Rewriting on a retry is fine.
 */
export async function storePageImages(
  store: BlobStore,
  document: { id: string; blobKey: string },
  generation: number,
  pages: ReadPage[],
): Promise<(string | null)[]> {
  const keys: (string | null)[] = [];
  for (const page of pages) {
    const { image } = page;
    if (image.kind === 'none') keys.push(null);
    else if (image.kind === 'original') keys.push(document.blobKey);
    else {
      const key = pageImageKey(document.id, generation, page.layout.pageNumber);
      await store.put(key, Readable.from([image.png]), { maxBytes: MAX_PAGE_IMAGE_BYTES, overwrite: true });
      keys.push(key);
    }
  }
  return keys;
}

/** Page image keys of a document that are its own renderings (not the uploaded file), from stored page rows. */
export const RENDERED_PAGE_IMAGES_SQL = `SELECT image_key FROM document_page
  WHERE document_id = $1 AND image_key LIKE 'page-images/%'`;
