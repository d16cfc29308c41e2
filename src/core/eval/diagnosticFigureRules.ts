import type { FamilyFigure } from '../run/evaluationRecords';
import { cycleFigureNames, HIDDEN_SIGNAL_NOISE } from './cycleFigures';
import type { Assessment } from './diagnosticHistory';
import { unknown } from './diagnosticHistory';
import type { DiagnosticKind, DiagnosticRule } from './diagnosticFinding';
import { formatPercent, significant } from './diagnosticStats';
import { DOMAINS_APART_ACCURACY, DOMAINS_APART_GAIN, HIDDEN_SIGNAL_CYCLE_SHARE, HIDDEN_SIGNAL_NOISE_SHARE } from './diagnosticThresholds';

/** A rule judged on one evaluation's named figures (a family's own measurements). */
export interface FigureRule {
  readonly rule: DiagnosticRule;
  readonly kind: DiagnosticKind;
  assess(step: number, figures: readonly FamilyFigure[]): Assessment;
}

/**
 * Steganography: the round trip gives the input back, but faint noise on the translation wrecks it.
 * The source then travels in a near-invisible code, not in what the translation shows. Judged per
 * domain of a translation family's evaluation; unknown for runs without those figures.
 */
export const hiddenSignal: FigureRule = {
  rule: 'hidden-signal',
  kind: 'hidden-signal',
  assess(step, figures) {
    const value = (name: string) => figures.find((figure) => figure.name === name)?.value;
    const sides = (['A', 'B'] as const).flatMap((side) => {
      const names = cycleFigureNames(side);
      const [clean, noisy, pairs] = [value(names.clean), value(names.noisy), value(names.pairs)];
      if (clean === undefined || noisy === undefined || pairs === undefined || !(pairs > clean)) return [];
      return [{ side, clean, pairs, lost: (noisy - clean) / (pairs - clean) }];
    });
    if (sides.length === 0) return unknown;
    const worst = sides.reduce((a, b) => (b.lost > a.lost ? b : a));
    const measured = {
      [`share of the ${worst.side} round trip lost to noise`]: significant(worst.lost),
      [`cycle error ${worst.side} over random pairs`]: significant(worst.clean / worst.pairs),
    };
    const evidence = {
      measured, window: { fromStep: step, toStep: step, count: 1 },
      thresholds: [
        { measure: Object.keys(measured)[0]!, operator: '≥' as const, value: HIDDEN_SIGNAL_NOISE_SHARE },
        { measure: Object.keys(measured)[1]!, operator: '<' as const, value: HIDDEN_SIGNAL_CYCLE_SHARE },
      ],
    };
    const domain = worst.side.toLowerCase();
    const reading = `noise of σ ${HIDDEN_SIGNAL_NOISE} on the translations undoes ${formatPercent(worst.lost)} of what the ${domain} round trip keeps `
      + `(its cycle error is ${formatPercent(worst.clean / worst.pairs)} of the error between random pairs)`;
    if (worst.lost >= HIDDEN_SIGNAL_NOISE_SHARE && worst.clean < HIDDEN_SIGNAL_CYCLE_SHARE * worst.pairs) {
      return {
        state: 'present', severity: 'warning', evidence,
        summary: `Hidden signal: ${reading}. The translators pass the source to each other in faint, invisible detail, `
          + 'so a low cycle loss no longer means the translations are right.',
      };
    }
    return { state: 'absent', evidence, summary: `No hidden signal: ${reading}.` };
  },
};

/**
 * DANN not adapting: the domain head still tells held-out source from target features, and DANN
 * classifies the target no better than the network that never saw it. A head at chance (a domain
 * loss near ln 2) is this rule's healthy state, never a failure: it is what DANN is for. Unknown for
 * runs without DANN's figures.
 */
export const domainsApart: FigureRule = {
  rule: 'domains-apart',
  kind: 'domains-apart',
  assess(step, figures) {
    const value = (name: string) => figures.find((figure) => figure.name === name)?.value;
    const [domain, target, sourceOnly] = [value('domainAccuracy'), value('targetAccuracy'), value('sourceOnlyAccuracy')];
    if (domain === undefined || target === undefined || sourceOnly === undefined) return unknown;
    const measured = { 'domain head accuracy': significant(domain), 'target accuracy gain over source-only': significant(target - sourceOnly) };
    const evidence = {
      measured, window: { fromStep: step, toStep: step, count: 1 },
      thresholds: [
        { measure: 'domain head accuracy', operator: '≥' as const, value: DOMAINS_APART_ACCURACY },
        { measure: 'target accuracy gain over source-only', operator: '<' as const, value: DOMAINS_APART_GAIN },
      ],
    };
    const reading = `the domain head names the domain of ${formatPercent(domain)} of held-out images (50 % is chance), and DANN reads `
      + `${formatPercent(target)} of the target's digits right against the source-only network's ${formatPercent(sourceOnly)}`;
    if (domain >= DOMAINS_APART_ACCURACY && target - sourceOnly < DOMAINS_APART_GAIN) {
      return { state: 'present', severity: 'warning', evidence, summary: `Domains still apart: ${reading}. F's features still give the domain away, and adapting has not helped yet.` };
    }
    return { state: 'absent', evidence, summary: `Adapting: ${reading}. A domain head near chance, its loss flat near ln 2, is the goal, not a stall.` };
  },
};
