// A seeded random source shared by the benchmark generator and the fuzzer (same seed, same sequence).

/** mulberry32: small, fast, good enough for fuzzing; state is one uint32. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: n => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: arr => arr[Math.floor(next() * arr.length)],
    chance: p => next() < p,
    /** mostly small, sometimes large: for sizes and counts */
    skewed: max => Math.floor(Math.pow(next(), 3) * max),
  };
  return r;
}
