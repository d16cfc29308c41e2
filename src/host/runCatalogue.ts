import type { MetricCatalogue } from '../core/families/catalogue';
import { ganCatalogue } from '../core/families/gan/catalogue';

/**
 * What a run logs: the catalogue its run.json records, or for a run from before catalogues (every
 * one a GAN) the GAN's, for the objective its config names when known. The objective changes only
 * whether D's outputs are probabilities; the names, labels and headline are the same.
 */
export function runCatalogue(info: { readonly catalogue?: MetricCatalogue | undefined }, objectiveKind = 'non-saturating'): MetricCatalogue {
  return info.catalogue ?? ganCatalogue(objectiveKind);
}
