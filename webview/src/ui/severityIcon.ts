// Codicon-like 16×16 glyphs drawn as inline SVG: the codicon font is not bundled, and the CSP
// allows no remote fonts. They stroke in currentColor, so the stylesheet colours them per theme.

export type IconName = 'error' | 'warning' | 'passed';

const svgNamespace = 'http://www.w3.org/2000/svg';

const shapes: Record<IconName, readonly (readonly [string, Record<string, string>])[]> = {
  error: [['circle', { cx: '8', cy: '8', r: '6.25' }], ['path', { d: 'M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8' }]],
  warning: [['path', { d: 'M8 1.9l6.4 11.6H1.6z', 'stroke-linejoin': 'round' }], ['path', { d: 'M8 6.2v3.6' }],
    ['circle', { cx: '8', cy: '11.6', r: '0.45', fill: 'currentColor' }]],
  passed: [['circle', { cx: '8', cy: '8', r: '6.25' }], ['path', { d: 'M5.2 8.2l1.9 1.9 3.7-4', 'stroke-linejoin': 'round' }]],
};

/** A decorative icon: the text beside it says what it means. */
export function severityIcon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(svgNamespace, 'svg');
  for (const [attribute, value] of Object.entries({
    viewBox: '0 0 16 16', width: '16', height: '16', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.3',
    'stroke-linecap': 'round', 'aria-hidden': 'true', focusable: 'false', class: `icon icon-${name}`,
  })) svg.setAttribute(attribute, value);
  for (const [tag, attributes] of shapes[name]) {
    const shape = document.createElementNS(svgNamespace, tag);
    for (const [attribute, value] of Object.entries(attributes)) shape.setAttribute(attribute, value);
    svg.appendChild(shape);
  }
  return svg;
}
