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
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        inked++;
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
    }
    return { canvases: canvases.length, inked, colours: colours.size };
  }, selector);
}
