import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CLINICAL_SUMMARIES, summaryHtml } from './clinical-list-truth';
import { LAB_REPORTS, reportHtml } from './lab-report-truth';

/**
 * Renders the fixture documents (lab reports, discharge summaries with diagnoses and medications) with the system's
 * Chromium (no network): per document a PDF with a text layer, a PNG
 * screenshot, an image-only PDF (the PNG printed to PDF, no text layer) and a "scan": the page rotated 1.5° with
 * speckle noise and a grey cast, as PNG. Run with `npm run fixtures -w @holovitals/documents`.
 */
const OUT = join(__dirname, '..', '..', '..', 'fixtures');

/** Draws the page into a canvas rotated and speckled, in the page itself, and returns it as a PNG data URL. */
const SCAN_SCRIPT = `(async (png) => {
  const image = new Image();
  image.src = png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width + 80; canvas.height = image.height + 80;
  const g = canvas.getContext('2d');
  g.fillStyle = '#f2f0ea'; g.fillRect(0, 0, canvas.width, canvas.height);
  g.translate(canvas.width / 2, canvas.height / 2); g.rotate(1.5 * Math.PI / 180);
  g.filter = 'contrast(0.85) brightness(0.97)';
  g.drawImage(image, -image.width / 2, -image.height / 2);
  g.setTransform(1, 0, 0, 1, 0, 0); g.filter = 'none';
  let seed = 42; const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 2500; i++) { g.fillStyle = random() > 0.5 ? 'rgba(0,0,0,0.35)' : 'rgba(255,255,255,0.6)'; g.fillRect(random() * canvas.width, random() * canvas.height, 1.5, 1.5); }
  return canvas.toDataURL('image/png');
})`;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 2 });
    const documents = [
      ...LAB_REPORTS.map((report) => ({ id: report.id, html: reportHtml(report) })),
      ...CLINICAL_SUMMARIES.map((summary) => ({ id: summary.id, html: summaryHtml(summary) })),
    ];
    for (const report of documents) {
      await page.setContent(report.html);
      await page.pdf({ path: join(OUT, `${report.id}.pdf`), format: 'A4' });
      const png = await page.screenshot({ fullPage: true });
      writeFileSync(join(OUT, `${report.id}.png`), png);
      const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
      await page.setContent(
        `<html><body style="margin:0"><img src="${dataUrl}" style="width:100%"></body></html>`,
      );
      await page.pdf({ path: join(OUT, `${report.id}-image-only.pdf`), format: 'A4', printBackground: true });
      const scan = (await page.evaluate(`${SCAN_SCRIPT}(${JSON.stringify(dataUrl)})`)) as string;
      writeFileSync(join(OUT, `${report.id}-scan.png`), Buffer.from(scan.split(',')[1] as string, 'base64'));
    }
  } finally {
    await browser.close();
  }
}

void main();
