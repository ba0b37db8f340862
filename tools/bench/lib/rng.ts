/** A small, fast, seedable PRNG (sfc32) and the sampling helpers the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands one seed into four state words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A pick skewed towards the start of the list (Zipf-like, exponent s). */
  zipf<T>(items: readonly T[], s = 1): T {
    const n = items.length;
    // Inverse-CDF of a continuous power law on [1, n+1), cheap and good enough for a data shape.
    const u = this.next();
    const index =
      s === 1 ? Math.floor(Math.exp(u * Math.log(n + 1))) - 1 : Math.floor(Math.pow(u * (Math.pow(n + 1, 1 - s) - 1) + 1, 1 / (1 - s))) - 1;
    return items[Math.min(n - 1, Math.max(0, index))];
  }

  /** A pick by weight; `weights` must have the same length as `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i];
      if (u < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** `count` distinct items, in list order. */
  sample<T>(items: readonly T[], count: number, pick: (items: readonly T[]) => T = (list) => this.pick(list)): T[] {
    const chosen = new Set<T>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(pick(items));
    return [...chosen];
  }

  /** A random (version 4 layout) UUID from this generator, so ids are reproducible from the seed. */
  uuid(): string {
    const h = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    return (
      `${h(a, 8)}-${h(b >>> 16, 4)}-${h(((b & 0x0fff) | 0x4000) >>> 0, 4)}-` +
      `${h((((c >>> 16) & 0x3fff) | 0x8000) >>> 0, 4)}-${h(c & 0xffff, 4)}${h(d, 8)}`
    );
  }
}
