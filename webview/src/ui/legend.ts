import type { ChartColour } from './palette';
import { element } from './dom';

/** A colour swatch and its caption; the swatch colour comes from the stylesheet (theme variables). */
export function legendEntry(colour: ChartColour | 'foreground', caption: string, shape: 'box' | 'dot' | 'arrow' | 'rule' = 'box'): { readonly root: HTMLElement; readonly text: HTMLElement } {
  const text = element('span', { text: caption });
  const swatch = element('span', { className: `swatch swatch-${shape} colour-${colour}`, attributes: { 'aria-hidden': 'true' } });
  return { root: element('span', { className: 'legend-entry' }, [swatch, text]), text };
}
