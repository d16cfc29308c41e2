import type { DataConfig, DomainConfig, TransformConfig } from '../../config/dataSchema';

/** Where a transform cannot apply to the image it gets, and why. */
export interface TransformProblem {
  /** Index into the domain's `transforms`. */
  readonly index: number;
  readonly message: string;
}

/** A transform's output shape for an image of `shape` ([height, width, channels]), or why it cannot take it. */
function step(shape: readonly [number, number, number], transform: TransformConfig): readonly [number, number, number] | string {
  const [height, width, channels] = shape;
  const grey = (what: string) => channels === 1 ? shape : `${what} works on grey images, but these have ${channels} channels; put it before any colored transform or use grey images`;
  switch (transform.kind) {
    case 'stroke': return grey('stroke');
    case 'edges': return grey('edges');
    case 'colored': return channels === 1 ? [height, width, 3] : grey('colored');
    case 'blur':
    case 'downsample': {
      const { factor } = transform;
      if (height % factor !== 0 || width % factor !== 0) return `factor ${factor} does not divide the ${height}×${width} images; use a factor that divides both sides`;
      return transform.kind === 'blur' ? shape : [height / factor, width / factor, channels];
    }
    case 'invert':
    case 'rotate': return shape;
  }
}

/** The shape of an image of `shape` after `transforms`, or the first transform that cannot take its input. */
export function transformedShape(shape: readonly [number, number, number], transforms: readonly TransformConfig[]):
  { readonly shape: readonly [number, number, number] } | { readonly problem: TransformProblem } {
  let current = shape;
  for (const [index, transform] of transforms.entries()) {
    const next = step(current, transform);
    if (typeof next === 'string') return { problem: { index, message: next } };
    current = next;
  }
  return { shape: current };
}

/** A domain's image shape after its transforms, when the config alone decides it and every transform can take its input. */
export function domainShape(domain: DomainConfig): readonly [number, number, number] | undefined {
  const shape = sourceShape(domain);
  const result = shape && transformedShape(shape, domain.transforms);
  return result && 'shape' in result ? result.shape : undefined;
}

/** A domain source's image shape before its transforms, when the config alone decides it (an IDX file says so only once read). */
export function sourceShape(domain: DomainConfig): readonly [number, number, number] | undefined {
  if (domain.kind === 'mnist') return [28, 28, 1];
  if (domain.kind === 'folder') return [domain.size, domain.size, domain.channels];
  return undefined;
}

/** The domain that is the embedded digits as they are (kind mnist, no transforms): the shipped classifier reads images of it. */
export function plainDigitSide(data: DataConfig): 'a' | 'b' | undefined {
  if (data.kind !== 'domains') return undefined;
  return (['a', 'b'] as const).find((side) => data[side].kind === 'mnist' && data[side].transforms.length === 0);
}

/** Whether what the run generates is the embedded digits (translators write domain b): the digit figures (FID…) then apply. */
export function generatesDigits(data: DataConfig): boolean {
  return data.kind === 'mnist' || plainDigitSide(data) === 'b';
}
