import '@vscode-elements/elements/dist/vscode-button/index.js';
import { element } from './dom';

/** A VS Code-styled button: its label, what it does on hover, and the action; secondary ones are the quieter kind. */
export function button(label: string, description: string, onClick: () => void, secondary = false): HTMLElement {
  const node = element('vscode-button', { text: label, attributes: { title: description } });
  if (secondary) node.setAttribute('secondary', '');
  node.addEventListener('click', onClick);
  return node;
}
