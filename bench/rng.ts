/**
 * @module
 * Seeded randomness for the benchmark: the same seed gives the same corpus and questions on every
 * machine, so runs can be compared.
 */

/** A pseudo-random source in [0, 1) (mulberry32: tiny, fast, good enough for sampling). */
export type Random = () => number;

/**
 * Creates a seeded random source.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // always the same first number for seed 42
 * ```
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A random integer in [0, n). */
export const randomInt = (random: Random, n: number) => Math.floor(random() * n);
