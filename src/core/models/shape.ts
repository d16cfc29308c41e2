import type { Dataset } from '../data/dataset';

/** What the builders need to know about the data: points or images, and one example's shape. */
export type DataShape = Pick<Dataset, 'kind' | 'exampleShape'>;
