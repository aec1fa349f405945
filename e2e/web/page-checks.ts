import type { Page } from 'playwright-core';

/** How far the document is wider than the viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Form controls with no accessible name from a label, aria-label, aria-labelledby or title. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button'),
    );
    return controls
      .filter((control) => {
        const labelled =
          control.getAttribute('aria-label')?.trim() ||
          control.getAttribute('aria-labelledby')?.trim() ||
          control.getAttribute('title')?.trim() ||
          ('labels' in control && (control as HTMLInputElement).labels?.length) ||
          (control.tagName === 'BUTTON' && control.textContent?.trim());
        return !labelled;
      })
      .map((control) => control.outerHTML.slice(0, 120));
  });
}
