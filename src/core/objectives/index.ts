export { adversarialObjective, type AdversarialObjective, type DiscriminatorLossParts } from './adversarial';
export { gradientPenalty } from './gradientPenalty';
export type { Critic } from './inputGradient';
export { addInstanceNoise, instanceNoiseSigma } from './instanceNoise';
export { realTarget } from './labelSmoothing';
export { r1Penalty } from './r1';
