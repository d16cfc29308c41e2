// Canvas drawing cannot use var(): colours are read from the theme's CSS variables into concrete
// values, and re-read when VS Code switches theme.

export type Rgba = readonly [number, number, number, number];

export interface Palette {
  readonly foreground: string;
  readonly muted: string;
  readonly background: string;
  readonly border: string;
  readonly fontFamily: string;
  readonly blue: string;
  readonly red: string;
  readonly green: string;
  readonly orange: string;
  readonly yellow: string;
  readonly purple: string;
}

export type ChartColour = 'blue' | 'red' | 'green' | 'orange' | 'yellow' | 'purple';

// Used only when a variable is missing (a page outside VS Code): VS Code's dark defaults.
const fallbacks: Record<Exclude<keyof Palette, 'fontFamily'>, [string, string]> = {
  foreground: ['--vscode-foreground', '#cccccc'],
  muted: ['--vscode-descriptionForeground', '#9d9d9d'],
  background: ['--vscode-editor-background', '#1f1f1f'],
  border: ['--vscode-panel-border', '#2b2b2b'],
  blue: ['--vscode-charts-blue', '#3794ff'],
  red: ['--vscode-charts-red', '#f14c4c'],
  green: ['--vscode-charts-green', '#89d185'],
  orange: ['--vscode-charts-orange', '#d18616'],
  yellow: ['--vscode-charts-yellow', '#cca700'],
  purple: ['--vscode-charts-purple', '#b180d7'],
};

export function readPalette(): Palette {
  const style = getComputedStyle(document.body);
  const read = ([variable, fallback]: [string, string]): string => style.getPropertyValue(variable).trim() || fallback;
  return {
    foreground: read(fallbacks.foreground), muted: read(fallbacks.muted), background: read(fallbacks.background),
    border: read(fallbacks.border), blue: read(fallbacks.blue), red: read(fallbacks.red), green: read(fallbacks.green),
    orange: read(fallbacks.orange), yellow: read(fallbacks.yellow), purple: read(fallbacks.purple),
    fontFamily: style.fontFamily || 'sans-serif',
  };
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour as RGBA bytes (alpha 0…1), resolved the way canvas resolves it. */
export function parseColour(colour: string): Rgba {
  probe ??= document.createElement('canvas').getContext('2d');
  if (probe === null) return [128, 128, 128, 1];
  probe.fillStyle = '#000000';
  probe.fillStyle = colour;
  const resolved = String(probe.fillStyle);
  if (resolved.startsWith('#')) {
    const value = Number.parseInt(resolved.slice(1), 16);
    return [(value >> 16) & 255, (value >> 8) & 255, value & 255, 1];
  }
  const parts = resolved.replace(/^rgba?\(|\)$/g, '').split(',').map((part) => Number.parseFloat(part));
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

export function withAlpha(colour: string, alpha: number): string {
  const [red, green, blue] = parseColour(colour);
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`;
}

/** Calls back when VS Code changes theme: it swaps the body class and the --vscode-* variables. */
export function watchTheme(onChange: () => void): void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
}
