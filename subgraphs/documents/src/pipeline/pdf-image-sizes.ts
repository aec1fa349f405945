/**
 * Width × height of every image XObject a PDF declares, read from the raw bytes before pdf.js parses anything.
 * Image XObjects are streams, and streams never sit inside compressed object streams, so their dictionaries are
 * always plain text in the file: a few bytes of Flate data can declare a 20,000 × 20,000 image (a decompression
 * bomb), and this finds it without inflating a byte. Indirect sizes (`/Width 5 0 R`) are not followed; pdf.js's own
 * `maxImageSize` still refuses to decode those.
 */
export function declaredPdfImageSizes(bytes: Buffer): Array<{ width: number; height: number }> {
  const text = bytes.toString('latin1');
  const sizes: Array<{ width: number; height: number }> = [];
  const image = /\/Subtype\s*\/Image\b/g;
  for (let match = image.exec(text); match !== null; match = image.exec(text)) {
    const start = text.lastIndexOf('<<', match.index);
    const end = text.indexOf('stream', match.index);
    if (start < 0 || end < 0) continue;
    const dictionary = text.slice(start, end);
    const width = /\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    const height = /\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    if (width && height) sizes.push({ width: Number(width[1]), height: Number(height[1]) });
  }
  return sizes;
}
