import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { isXAxisMode, type XAxisChoice, type XAxisMode } from '../state/xAxisChoice';
import { element } from '../ui/dom';

const choices: readonly { readonly mode: XAxisMode; readonly label: string }[] = [
  { mode: 'step', label: 'Step' },
  { mode: 'time', label: 'Time' },
];

/** The dashboard's x-axis choice as a chart's toolbar offers it. */
export interface XAxisSelect {
  readonly root: HTMLElement;
  /** Shows the current choice, made here or in another chart's toolbar. */
  show(): void;
}

/**
 * "X axis: Step | Time" (TensorBoard's horizontal axis choice). Time is the run's training time
 * (metrics.jsonl's elapsedSeconds: the time its steps took, summed over sessions), which leaves out
 * pauses, resumes and the time spent saving samples: runs compare by how long they trained.
 */
export function xAxisSelect(choice: XAxisChoice): XAxisSelect {
  const select = element('vscode-single-select', { className: 'x-axis-select', attributes: {
    'aria-label': 'X axis', title: 'Draw the charts over logged steps, or over the run\'s training time (the time its steps took, summed across resumes)',
  } });
  select.append(...choices.map(({ mode, label }) => {
    const option = element('vscode-option', { text: label });
    option.value = mode;
    option.selected = mode === choice.mode;
    return option;
  }));
  select.addEventListener('change', () => {
    if (isXAxisMode(select.value)) choice.choose(select.value);
  });
  return {
    root: element('span', { className: 'control x-axis' }, [document.createTextNode('X axis'), select]),
    show: () => {
      // Setting the value does not fire `change`, so showing a choice does not make it again.
      if (select.value !== choice.mode) select.value = choice.mode;
    },
  };
}
