import type { Page } from 'playwright-core';

/** Non-transparent pixels and distinct colours of the canvases matching `selector` (summed). */
export async function canvasInk(page: Page, selector: string): Promise<{ readonly canvases: number; readonly inked: number; readonly colours: number }> {
  return page.evaluate((query) => {
    let inked = 0;
    const colours = new Set<number>();
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>(query)];
    for (const canvas of canvases) {
      const context = canvas.getContext('2d');
      if (context === null || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      // RGBA pixels: the length is a multiple of 4, so i + 1 to i + 3 are in range.
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        inked++;
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
    }
    return { canvases: canvases.length, inked, colours: colours.size };
  }, selector);
}

/** Pixels of exactly `rgb` ("#rrggbb") in the canvases matching `selector`: finds a drawn mark by its colour. */
export async function canvasColourCount(page: Page, selector: string, rgb: string): Promise<number> {
  return page.evaluate(([query, hex]) => {
    const wanted = Number.parseInt(hex.slice(1), 16);
    let count = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(query)) {
      const context = canvas.getContext('2d');
      if (context === null || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      // RGBA pixels: the length is a multiple of 4, so i + 1 to i + 3 are in range.
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 255 && ((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!) === wanted) count++;
      }
    }
    return count;
  }, [selector, rgb] as const);
}
