// Seeded panels for testing the fair ranking: a planted quality per entry and a planted leniency
// per judge, so a test can check the calibrated order against the truth. Test-only helper.
import type { Mark } from '../src/awards/calibration.ts';

/** mulberry32: a small seeded generator, so every design is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normal draw (Box–Muller) from the seeded generator. */
export function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Spearman's rank correlation, ties given their average rank. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (values: readonly number[]) => {
    const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
    const result = new Array<number>(values.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j += 1;
      for (let k = i; k <= j; k += 1) result[order[k]!.index] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return result;
  };
  const [a, b] = [rank(xs), rank(ys)];
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [num, da, db] = [0, 0, 0];
  for (let i = 0; i < a.length; i += 1) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

export interface Design {
  marks: Mark[];
  /** Planted quality of each entry. */
  truth: Map<string, number>;
  /** Planted leniency of each judge. */
  leniency: Map<string, number>;
}

/**
 * Two categories of `perCategory` entries a clear step apart in quality (0.3 or more, twice the
 * noise), five judges from harsh to lenient, three chosen at random per entry. In each category the best entry is marked by the two harshest judges and the second best
 * by the two most lenient, so the raw means put the wrong entry first.
 */
export function plantedPanel(seed: number, perCategory = 8, noise = 0.15): Design {
  const random = seeded(seed);
  const judges = ['harsh', 'stern', 'even', 'kind', 'lenient'];
  const leniency = new Map(judges.map((judge, i) => [judge, [-0.9, -0.5, 0, 0.5, 0.9][i]!]));
  const truth = new Map<string, number>();
  const marks: Mark[] = [];
  for (const category of ['Student', 'Practitioner']) {
    for (let i = 0; i < perCategory; i += 1) {
      const entry = `${category[0]}${i + 1}`;
      const quality = i === 0 ? 4.3 : i === 1 ? 3.9 : 3.5 - 0.3 * (i - 2);
      truth.set(entry, quality);
      const panel =
        i === 0
          ? ['harsh', 'stern', pick(random, ['even', 'kind', 'lenient'])]
          : i === 1
            ? ['lenient', 'kind', pick(random, ['harsh', 'stern', 'even'])]
            : shuffled(random, judges).slice(0, 3);
      for (const judge of panel)
        marks.push({ entry, category, judge, score: quality + leniency.get(judge)! + noise * normal(random) });
    }
  }
  return { marks, truth, leniency };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
