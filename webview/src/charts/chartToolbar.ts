import { button } from '../ui/button';
import { element } from '../ui/dom';

export interface ChartSettings {
  /** EMA weight: 0 draws the raw values. */
  smoothing: number;
  logScale: boolean;
}

let toolbarCount = 0;

/**
 * Smoothing slider and, where it makes sense, a log-scale switch; they edit `settings` in place.
 * `shared` are the dashboard's controls every chart offers (the x axis). With `onExport`, CSV and
 * JSON buttons save the chart's values (TensorBoard's downloads).
 */
export function chartToolbar(settings: ChartSettings, offerLogScale: boolean, onChange: () => void, shared: readonly Node[],
  onExport?: (format: 'csv' | 'json') => void): HTMLElement {
  const id = `chart-toolbar-${++toolbarCount}`;
  const smoothingValue = element('output', { className: 'control-value', attributes: { for: `${id}-smoothing` } });
  const slider = element('input', { attributes: {
    id: `${id}-smoothing`, type: 'range', min: '0', max: '0.999', step: '0.001', value: String(settings.smoothing),
  } });
  const showSmoothing = (): void => {
    smoothingValue.textContent = settings.smoothing.toFixed(3);
    slider.setAttribute('aria-valuetext', settings.smoothing === 0 ? 'off' : settings.smoothing.toFixed(3));
  };
  slider.addEventListener('input', () => {
    settings.smoothing = Number(slider.value);
    showSmoothing();
    onChange();
  });
  showSmoothing();
  const controls: Node[] = [
    element('label', { className: 'control', attributes: { for: `${id}-smoothing` } }, [document.createTextNode('Smoothing')]),
    slider, smoothingValue,
  ];
  if (offerLogScale) {
    const checkbox = element('input', { attributes: { id: `${id}-log`, type: 'checkbox' } });
    checkbox.checked = settings.logScale;
    checkbox.addEventListener('change', () => {
      settings.logScale = checkbox.checked;
      onChange();
    });
    controls.push(element('label', { className: 'control checkbox', attributes: { for: `${id}-log` } },
      [checkbox, document.createTextNode('Log scale')]));
  }
  controls.push(...shared);
  if (onExport) {
    controls.push(element('span', { className: 'chart-export' }, [
      button('CSV', 'Save this chart\'s values (every logged step, unsmoothed, with wall time) as CSV', () => onExport('csv'), true),
      button('JSON', 'Save this chart\'s values (every logged step, unsmoothed, with wall time) as JSON', () => onExport('json'), true),
    ]));
  }
  return element('div', { className: 'chart-toolbar' }, controls);
}
