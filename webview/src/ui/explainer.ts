import { element } from './dom';

/**
 * A card's "What am I looking at?": folded by default so the picture stays in front, and open on a
 * click for a student meeting the view for the first time.
 */
export function explainer(text: string): HTMLDetailsElement {
  const details = element('details', { className: 'explainer' }, [
    element('summary', { text: 'What am I looking at?' }),
    element('p', { text }),
  ]);
  return details;
}

/** Shows `text` in the card's explainer (made on first use, as the first thing in `body`); none removes it. */
export function setExplainer(body: HTMLElement, text: string | undefined): void {
  const existing = body.querySelector<HTMLDetailsElement>(':scope > details.explainer');
  if (text === undefined) return existing?.remove();
  if (existing) {
    existing.querySelector('p')!.textContent = text;
    return;
  }
  body.prepend(explainer(text));
}
