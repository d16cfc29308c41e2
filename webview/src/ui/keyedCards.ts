/**
 * Cards kept one per name, in the order given, right after an anchor: a family's sample views, its
 * histogram views. New names get a card, names gone lose theirs, and a card is only moved when it
 * is out of place (moving a canvas or image would repaint it). A card that goes is disposed (its
 * step slider stops following the dashboard's cursor).
 */
export class KeyedCards<C extends { readonly root: HTMLElement; dispose?(): void }> {
  private readonly cards = new Map<string, C>();

  constructor(private readonly anchor: ChildNode) {}

  /** Each item's card (made by `make` the first time its name is seen), placed in order, with the item. */
  place<T>(items: ReadonlyMap<string, T>, make: (name: string, item: T) => C): [C, T][] {
    for (const [name, card] of this.cards) {
      if (!items.has(name)) {
        card.root.remove();
        card.dispose?.();
        this.cards.delete(name);
      }
    }
    let previous: ChildNode = this.anchor;
    const placed: [C, T][] = [];
    for (const [name, item] of items) {
      let card = this.cards.get(name);
      if (!card) {
        card = make(name, item);
        this.cards.set(name, card);
      }
      if (previous.nextSibling !== card.root) previous.after(card.root);
      previous = card.root;
      placed.push([card, item]);
    }
    return placed;
  }
}
