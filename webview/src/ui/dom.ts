// DOM helpers. Text from messages only ever reaches the page through textContent and attributes,
// never through HTML parsing, so run names and config strings cannot inject markup.

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K, options: ElementOptions = {}, children: readonly Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) node.appendChild(child);
  return node;
}

/** Sets text only when it changed: the header is refreshed ten times a second. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/** A titled card: the unit the dashboard grid lays out. */
export function card(title: string, className: string): { readonly root: HTMLElement; readonly body: HTMLElement; readonly heading: HTMLElement } {
  const heading = element('h2', { text: title });
  const body = element('div', { className: 'card-body' });
  const root = element('section', { className: `card ${className}`, attributes: { 'aria-label': title } }, [heading, body]);
  return { root, body, heading };
}
