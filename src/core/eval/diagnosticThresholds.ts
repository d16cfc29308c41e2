// Every number the diagnostic rules judge by, with why it has that value. docs/diagnostics.md
// carries the same table for users; test/unit/diagnostics*.test.ts hold the rules to them. The
// figures quoted come from the runs in test/unit/diagnostics-runs.test.ts.

// ── Windows ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A condition must hold over this many steps before it is reported. 200 steps is 20 metrics lines
 * at the default logging interval (10): enough that a few odd batches cannot raise or clear a
 * finding, and short next to a typical run (2,000+ steps) so a report comes early.
 */
export const DEFAULT_WINDOW_STEPS = 200;

/** With sparse logging a window of steps may hold few lines; it is then widened to this many. */
export const MIN_WINDOW_RECORDS = 5;

/**
 * Evaluations of samples come less often (every histogram step, 50 by default): a window of them
 * needs at least 3. Rules on them also ignore the first window of the run as a warm-up: a fresh
 * generator is as concentrated as a collapsed one (diversity ratio 0.17 for an untrained MNIST
 * MLP, 0.003 for a DCGAN, ≈ 0.2–0.4 for the 2D MLPs of the tests).
 */
export const MIN_WINDOW_EVALUATIONS = 3;

/** "Sustained": the condition holds in at least 80 % of the window's lines or evaluations. */
export const SUSTAINED_SHARE = 0.8;

/**
 * "Cleared": it holds in under half of them. The gap to SUSTAINED_SHARE is hysteresis, so a
 * condition hovering at the edge does not raise, clear and raise again.
 */
export const CLEARED_SHARE = 0.5;

// ── Vanishing generator gradients ───────────────────────────────────────────────────────────────

/**
 * Minimax G's loss gradient with respect to D's logit is −D(G(z)); the non-saturating loss's is
 * −(1 − D(G(z))). Below 0.05 the minimax generator receives < 5 % of the signal the
 * non-saturating one would: Goodfellow et al.'s saturation. (Probability objectives only.)
 */
export const VANISHING_FAKE_PROBABILITY = 0.05;

/**
 * G's gradient norm counts as collapsed under 10 % of its peak. A saturating minimax run on MNIST
 * fell to 2–5 % of its peak; a healthy ring run's dipped to 5–8 % for a while, which is why this
 * test is only trusted together with D(G(z)) < 0.05 for probability objectives.
 */
export const VANISHING_GRADIENT_RATIO = 0.1;

/**
 * Without a probability to confirm saturation (least squares, Wasserstein, hinge: their generator
 * losses do not saturate by construction), only a collapse by two orders of magnitude counts —
 * a critic gone flat, e.g. WGAN weight clipping set too small.
 */
export const VANISHING_GRADIENT_RATIO_SCORES = 0.01;

/** G's gradient-norm peak is taken over a running median of this many lines, not single spikes. */
export const GRADIENT_PEAK_SMOOTHING = 5;

// ── Discriminator overpowering ──────────────────────────────────────────────────────────────────

/**
 * Mean D(x) − mean D(G(z)) above 0.8 (times the real target, 1 − label smoothing) means D puts
 * real and generated batches at opposite ends of its range: near-perfect separation. Healthy runs
 * sit near 0 (D ≈ 0.5 on both); the saturating MNIST run sat at 0.999. Applies to the
 * probabilities of minimax/non-saturating and to least-squares scores, whose labels are 0 and 1.
 */
export const OVERPOWERING_GAP = 0.8;

/**
 * Hinge D's loss is 0 once every real score is above +1 and every fake score below −1. Under
 * 0.1 (an average margin violation of 0.05 per side, against 2 for an untrained D) nearly every
 * example is beyond its margin.
 */
export const OVERPOWERING_HINGE_LOSS = 0.1;

// ── Oscillation ─────────────────────────────────────────────────────────────────────────────────

/** Oscillation is judged over two windows (400 steps): a cycle of GAN dynamics is slower than collapse. */
export const OSCILLATION_WINDOW_FACTOR = 2;

/** Enough lines to see two full swings. */
export const OSCILLATION_MIN_RECORDS = 10;

/** Lines averaged before measuring the amplitude, so that batch-to-batch noise does not count as swinging. */
export const OSCILLATION_SMOOTHING = 3;

/**
 * Standard deviation, after the trend is removed, of the smoothed mean D outputs. Probabilities
 * and least-squares scores share the [0, 1] scale: healthy runs stay under ~0.05; a high-lr SGD
 * momentum run swung D(G(z)) between 0.0 and 0.9 (≈ 0.25). Hinge scores live on margins ±1,
 * twice that scale.
 */
export const OSCILLATION_AMPLITUDE = 0.1;
export const OSCILLATION_AMPLITUDE_HINGE = 0.2;

/**
 * A Wasserstein critic's scores have no fixed scale (and drift by a constant), so only its
 * estimate of the distance, D(x) − D(G(z)), is judged: swings larger than half its typical size…
 */
export const OSCILLATION_RELATIVE_AMPLITUDE_WASSERSTEIN = 0.5;
/** …that are structured (lag-1 autocorrelation), since the batch noise of a small estimate is not. */
export const OSCILLATION_MIN_AUTOCORRELATION_WASSERSTEIN = 0.5;

/**
 * Back-and-forth: at least two full cycles (4 swings across a ±½σ band around the trend) in the
 * window, so a single excursion or a step change is not called an oscillation.
 */
export const OSCILLATION_MIN_SWINGS = 4;

/** Cleared once the amplitude falls under 70 % of its threshold (hysteresis). */
export const OSCILLATION_CLEAR_FACTOR = 0.7;

// ── Divergence ──────────────────────────────────────────────────────────────────────────────────

/** "The early run": the median of the first 5 metrics lines is each quantity's reference scale. */
export const DIVERGENCE_BASELINE_RECORDS = 5;

/**
 * Reference scales never go below 1: losses and scores of every objective start at order 1 (log 2,
 * the labels 0/1, the hinge margins ±1), and a quantity that starts near 0 (a fresh Wasserstein
 * critic's loss; G's gradient while D is still flat, 0.07 in one run) must not make ordinary
 * learning look like a blow-up.
 */
export const DIVERGENCE_SCALE_FLOOR = 1;

/** Warning: losses/scores 10× their early scale on 3 consecutive lines (growing, not a spike). */
export const DIVERGENCE_WARNING_FACTOR = 10;
export const DIVERGENCE_WARNING_RECORDS = 3;

/**
 * Error: any loss, score or gradient norm 100× its early scale on 2 consecutive lines. An SGD
 * Wasserstein critic without a Lipschitz constraint passed 100× 26 steps before its loss became
 * non-finite, so waiting longer would mostly report after the NaN guard has already failed the run.
 */
export const DIVERGENCE_ERROR_FACTOR = 100;
export const DIVERGENCE_ERROR_RECORDS = 2;

/** Cleared when, on 3 consecutive lines, losses/scores are back under 5× and gradients under 100×. */
export const DIVERGENCE_CLEAR_FACTOR = 5;

// ── Mode collapse (from evaluations of generated samples) ───────────────────────────────────────

/**
 * Mean pairwise distance of generated samples over that of real samples. Under 0.5 the samples
 * spread over less than half the data's extent: on a ring of 8 modes, about the spread of 2–3
 * adjacent modes. A generator collapsed onto one mode measured 0.01–0.26. On MNIST the digits of
 * one class (1s) measure 0.64, so this catches collapse onto a few near-identical images, not onto
 * a class: that takes the classifier-based evaluation.
 */
export const DIVERSITY_COLLAPSE_RATIO = 0.5;
/** Under 0.2 (about one mode's worth of spread) the finding is an error. */
export const DIVERSITY_SEVERE_RATIO = 0.2;

/** 2D mixtures: at most half the modes covered, while samples are concentrated (diversity above)… */
export const COVERAGE_COLLAPSE_SHARE = 0.5;
/** …or, when no diversity is given, while samples are realistic (≥ 25 % within 3σ of a mode). */
export const COVERAGE_MIN_QUALITY = 0.25;

/** Modes lost: covered modes at least max(2, 25 % of the peak) below the best seen earlier. */
export const MODES_LOST_FRACTION = 0.25;
export const MODES_LOST_MIN = 2;

/** Mode cycling: a mode is where G sits when it holds ≥ 50 % of the high-quality samples… */
export const CYCLING_DOMINANT_SHARE = 0.5;
/** …and at least 8 of them, so a handful of stray samples never names a mode. */
export const CYCLING_MIN_SAMPLES = 8;
/** Raised when, over the window, the dominant mode changed at each of ≥ 2 consecutive evaluations. */
export const CYCLING_MIN_HOPS = 2;

// ── Hidden signal (steganography) ───────────────────────────────────────────────────────────────

/**
 * Faint noise on a translation (σ 0.1, 5 % of the range) undoes at least this share of what the
 * round trip keeps — (noisy cycle error − cycle error) over (random-pair error − cycle error). An
 * honest translation carries the source in visible content that such noise barely touches: a
 * healthy MNIST ↔ inverted CycleGAN lost 1–3 % of it. In the MNIST-M-like ↔ digits recipe, where a
 * plain digit keeps no trace of its coloured texture, the coloured round trip's share rose from
 * 10 % at step 500 to 17 %, 41 % and 50 % at steps 1,000, 1,500 and 2,000 while the cycle error
 * stayed near 0.29: the translators had begun to pass the texture to each other inside the digit
 * (Chu et al. 2017, "CycleGAN, a master of steganography").
 */
export const HIDDEN_SIGNAL_NOISE_SHARE = 0.4;

/** …while the cycle keeps most of the input: its error under this share of the random-pair error. */
export const HIDDEN_SIGNAL_CYCLE_SHARE = 0.5;

/**
 * DANN's domain head still naming the domain of at least this share of held-out images from F's
 * features (50 % is chance, the goal)… In the recipe it stays above 0.9 for all 1,500 steps while
 * DANN already reads the target 6–16 points better than source-only; so it counts as a failure only with:
 */
export const DOMAINS_APART_ACCURACY = 0.9;
/** …DANN's target accuracy no better than the source-only network's by this margin: adapting has not helped. */
export const DOMAINS_APART_GAIN = 0.01;
