/** A small deterministic PRNG (mulberry32): same seed → same sequence on every platform. */
export interface SeededRandom {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A fresh 31-bit integer, handy as a seed for tf ops or child generators. */
  seed(): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  shuffle(items: Int32Array | Uint32Array): Int32Array | Uint32Array;
}

/** Creates a generator from an integer seed. */
export function createRandom(seed: number): SeededRandom {
  let state = (seed ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  function shuffle<T>(items: T[] | Int32Array | Uint32Array): T[] | Int32Array | Uint32Array {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp as never;
    }
    return items;
  }
  return { next, int, seed: () => int(0x7fffffff), shuffle: shuffle as SeededRandom["shuffle"] };
}
