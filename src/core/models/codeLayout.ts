// InfoGAN's code vector c, without TF.js: the networks, the trainer and the memory estimate read it here.

/** InfoGAN's codes c: categorical codes (k categories each, one-hot) then continuous codes (a value each). */
export interface CodeSpec {
  readonly categorical: readonly number[];
  readonly continuous: readonly { readonly min: number; readonly max: number }[];
}

/** Where each code sits in c (and in Q's output): offsets of the one-hot blocks and of the continuous values. */
export interface CodeLayout {
  readonly categorical: readonly { readonly offset: number; readonly size: number }[];
  /** Offset of the first continuous value in c; Q's means follow its logits at the same offset, then its log-stds. */
  readonly continuousOffset: number;
  /** Width of c. */
  readonly width: number;
  /** Width of Q's output: logits per category, then a mean and a log-std per continuous code. */
  readonly parameterWidth: number;
}

export function codeLayout(codes: CodeSpec): CodeLayout {
  let offset = 0;
  const categorical = codes.categorical.map((size) => {
    const block = { offset, size };
    offset += size;
    return block;
  });
  const width = offset + codes.continuous.length;
  return { categorical, continuousOffset: offset, width, parameterWidth: width + codes.continuous.length };
}
