import type { ObjectiveKind } from '../config/objectiveSchema';
import type { DiagnosticKind } from './diagnosticFinding';

// The usual cures, most effective first, each naming the config field that applies it. Listed per
// objective where the cure differs: telling a least-squares run to "use the non-saturating loss"
// would be noise.

const slowerDiscriminator = 'Slow D down: lower training.discriminatorOptimizer.learningRate, or train fewer D steps per G step (training.dSteps).';
const instanceNoise = 'Add instance noise (regularizers.instanceNoise, e.g. σ 0.1 annealed over the run) so real and generated data overlap and D cannot separate them perfectly.';
const labelSmoothing = 'Use one-sided label smoothing (regularizers.labelSmoothing: 0.1) so D is not rewarded for certainty.';
const slopePenalty = 'Penalise D\'s slope: regularizers.r1 (γ ≈ 10) or regularizers.gradientPenalty (weight 10).';
const nonSaturating = 'Switch to the non-saturating loss (objective.kind: non-saturating): its generator gradient is strongest exactly where minimax\'s vanishes.';
const criticPenalty = 'Replace weight clipping with a gradient penalty (regularizers.gradientPenalty, weight 10); clipping too tightly leaves the critic flat (Gulrajani et al. 2017).';
const criticConstraint = 'Constrain the critic: regularizers.gradientPenalty (weight 10) keeps it 1-Lipschitz, so its scores cannot grow without bound.';
const minibatchDiscrimination = 'Enable minibatch discrimination (model.discriminator.minibatchDiscrimination) so D sees when a batch lacks variety (Salimans et al. 2016).';
const packing = 'Pack D (model.discriminator.packing: 2–4) so it judges several samples at once and sees when they look alike (PacGAN, Lin et al. 2018).';
const spectralNorm = 'Spectrally normalize D (model.discriminator.spectralNorm: true, Miyato et al. 2018): each of its layers is kept 1-Lipschitz, so its scores and slopes stay bounded without a penalty.';
const lowerRates = 'Lower both learning rates (training.generatorOptimizer / discriminatorOptimizer .learningRate), e.g. by 2–10×.';
const adam = 'Prefer Adam with beta1 0.5 over SGD with high momentum: momentum amplifies the rotation of the two-player game.';

export function remediesFor(kind: DiagnosticKind, objective: ObjectiveKind): readonly string[] {
  const probability = objective === 'minimax' || objective === 'non-saturating';
  switch (kind) {
    case 'vanishing-gradients':
      if (objective === 'wasserstein') return [criticPenalty, slowerDiscriminator];
      return [...(objective === 'minimax' ? [nonSaturating] : []), slowerDiscriminator, instanceNoise,
        ...(probability ? [labelSmoothing] : []), slopePenalty];
    case 'discriminator-overpowering':
      return [slowerDiscriminator, instanceNoise, ...(objective !== 'hinge' ? [labelSmoothing] : []), slopePenalty, spectralNorm,
        ...(objective === 'minimax' ? [nonSaturating] : []),
        'Or give G more capacity relative to D (model.generator / model.discriminator sizes).'];
    case 'mode-collapse':
      return [packing, minibatchDiscrimination,
        ...(objective === 'wasserstein' ? [] : ['Try an objective with non-vanishing gradients everywhere: wasserstein with regularizers.gradientPenalty, or least-squares.']),
        slopePenalty, lowerRates, 'Train D more per G step (training.dSteps) so G cannot outrun it onto one mode.'];
    case 'oscillation':
      return [lowerRates, adam, slopePenalty,
        'Use a two time-scale update: D\'s learning rate a few times G\'s, rather than both high.'];
    case 'divergence':
      return [lowerRates, ...(objective === 'wasserstein' ? [criticConstraint] : [slopePenalty]), spectralNorm,
        adam, 'Check the data is scaled to [-1, 1] (toy and image data are; custom files may not be).'];
    case 'domains-apart':
      return [
        'Train longer: Ganin et al.\'s schedule keeps λ small for the first part of training, so F is pushed to hide the domain mostly later.',
        'Raise family.domainWeight (λ, e.g. 1 → 2) so F\'s reversed gradient from the domain head weighs more against the label loss.',
        'If the domain loss swings far above ln 2 (≈ 0.69), F and the domain head are overshooting each other: lower family.optimizer.learningRate.',
        'Read the "Features by domain" picture: two clouds side by side are domains F has not merged.',
      ];
    case 'hidden-signal':
      return [
        'Add the identity loss (family.identityWeight: 0.5): each translator must leave images of its own target domain alone, which leaves less room for a code.',
        'Lower the cycle weight (family.cycleWeight, e.g. 10 → 5) so the adversarial terms, which judge what a translation shows, weigh more.',
        'Give the critics more to see (family.discriminator.layers or channels) so a translation must look right, not just decode right.',
        'Read the translations view rather than the cycle loss: it shows whether a → b looks like b.',
      ];
  }
}

