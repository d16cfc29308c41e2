/**
 * A canvas that fills its container's width at device resolution and redraws when the container
 * is resized. `draw` gets a context scaled to CSS pixels.
 */
export class CanvasSurface {
  readonly canvas: HTMLCanvasElement;
  private drawing: ((context: CanvasRenderingContext2D, width: number, height: number) => void) | undefined;

  constructor(container: HTMLElement, label: string, private readonly heightFor: (width: number) => number) {
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', label);
    container.appendChild(this.canvas);
    new ResizeObserver(() => this.redraw()).observe(container);
  }

  draw(drawing: (context: CanvasRenderingContext2D, width: number, height: number) => void): void {
    this.drawing = drawing;
    this.redraw();
  }

  private redraw(): void {
    const container = this.canvas.parentElement;
    if (this.drawing === undefined || container === null) return;
    const width = Math.max(120, container.clientWidth);
    const height = Math.round(this.heightFor(width));
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const context = this.canvas.getContext('2d');
    if (context === null) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    this.drawing(context, width, height);
  }
}
