import type { Dataset } from '../data/dataset';

/** What the builders need to know about the data: points or images, one example's shape, and its classes (for a conditional model). */
export type DataShape = Pick<Dataset, 'kind' | 'exampleShape' | 'classNames'>;
