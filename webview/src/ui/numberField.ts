import { element, setText } from './dom';

/** What a field accepts: the bounds, and whether only whole numbers. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** The lowest value is excluded (a learning rate must be above 0). */
  readonly aboveMin?: boolean;
}

/**
 * A labelled number input that commits on Enter or when it loses focus. A value outside its
 * bounds is not sent: the field says what is allowed, and keeps what was typed for correcting.
 */
export class NumberField {
  readonly root: HTMLElement;
  readonly input = element('input', { className: 'number-field', attributes: { type: 'number' } });
  private readonly problem = element('span', { className: 'field-problem', attributes: { role: 'alert' } });

  constructor(label: string, private readonly bounds: NumberBounds, commit: (value: number) => void, title = '') {
    this.input.setAttribute('aria-label', label);
    this.input.min = String(bounds.min);
    this.input.max = String(bounds.max);
    this.input.step = bounds.integer ? '1' : 'any';
    if (title) this.input.title = title;
    this.root = element('label', { className: 'control number-control' }, [element('span', { text: label }), this.input, this.problem]);
    this.problem.hidden = true;
    this.input.addEventListener('change', () => {
      const value = this.input.value.trim() === '' ? NaN : Number(this.input.value);
      const problem = this.check(value);
      setText(this.problem, problem ?? '');
      this.problem.hidden = problem === undefined;
      if (problem === undefined) {
        this.input.removeAttribute('aria-invalid');
        commit(value);
      } else {
        this.input.setAttribute('aria-invalid', 'true');
      }
    });
  }

  /** Shows the run's value, unless the user is typing in the field (or left it invalid). */
  show(value: number): void {
    if (document.activeElement === this.input || this.input.getAttribute('aria-invalid') === 'true') return;
    const text = String(Number(value.toPrecision(6)));
    if (this.input.value !== text) this.input.value = text;
  }

  private check(value: number): string | undefined {
    const { min, max, integer, aboveMin } = this.bounds;
    const range = `${aboveMin ? 'above' : 'at least'} ${min} and at most ${max}`;
    if (!Number.isFinite(value)) return `a number ${range}`;
    if (integer && !Number.isInteger(value)) return `a whole number ${range}`;
    if ((aboveMin ? value <= min : value < min) || value > max) return `must be ${range}`;
    return undefined;
  }
}
