/**
 * Seeded pseudo-random numbers (sfc32) whose whole state fits in four integers, so a checkpoint can
 * store it and a resumed run draws exactly the numbers an uninterrupted one would. All randomness
 * in training (noise, shuffling, interpolation, instance noise) comes from here, never Math.random.
 */
export type RandomState = [number, number, number, number];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | RandomState) {
    if (Array.isArray(seed)) {
      [this.a, this.b, this.c, this.d] = seed.map((v) => v >>> 0) as RandomState;
      return;
    }
    // splitmix32 spreads a small integer seed over the four state words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A child generator for a separate stream (e.g. per epoch), derived without touching this one. */
  static derive(seed: number, ...salt: number[]): Random {
    let h = seed >>> 0;
    for (const value of salt) h = Math.imul(h ^ (value >>> 0), 0x01000193) ^ (h >>> 15);
    return new Random(h >>> 0);
  }

  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box–Muller; both values of a pair are used by fillNormal). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  fillNormal(out: Float32Array, mean = 0, std = 1): Float32Array {
    for (let i = 0; i < out.length; i += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - this.float())) * std;
      const angle = 2 * Math.PI * this.float();
      out[i] = mean + radius * Math.cos(angle);
      if (i + 1 < out.length) out[i + 1] = mean + radius * Math.sin(angle);
    }
    return out;
  }

  fillUniform(out: Float32Array, low = 0, high = 1): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.float();
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Uint32Array {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = order[i]!; order[i] = order[j]!; order[j] = tmp;
    }
    return order;
  }
}
