import { createRandom } from "./seeded-random.ts";
import type { Table } from "./types.ts";

export interface SyntheticChurnOptions {
  rows: number;
  /** Numeric columns x0…; churn rises with x0, falls with x1 and is non-linear in x2. Default 50. */
  numeric?: number;
  /** Text columns c0… with 6 values; c0 = "v1" raises churn. Default 10. */
  categorical?: number;
  seed?: number;
  /** Spread of the random term in the churn logit. Default 2. */
  noise?: number;
}

/**
 * A synthetic flat churn table (label column "churn", Yes/No) for tests and benchmarks.
 * Deterministic for a seed; the label is drawn from a known logistic model.
 */
export function syntheticChurnTable({
  rows,
  numeric = 50,
  categorical = 10,
  seed = 7,
  noise = 2,
}: SyntheticChurnOptions): Table {
  const random = createRandom(seed);
  const columns = [
    ...Array.from({ length: numeric }, (_, j) => `x${j}`),
    ...Array.from({ length: categorical }, (_, j) => `c${j}`),
    "churn",
  ];
  const data = Array.from({ length: rows }, () => {
    const x = Array.from({ length: numeric }, () => Math.round((random.next() * 2 - 1) * 1000) / 1000);
    const c = Array.from({ length: categorical }, () => `v${random.int(6)}`);
    const z =
      1.5 * (x[0] ?? 0) -
      (x[1] ?? 0) +
      Math.sin(3 * (x[2] ?? 0)) +
      (c[0] === "v1" ? 1 : 0) -
      1 +
      (random.next() - 0.5) * noise;
    return [...x, ...c, random.next() < 1 / (1 + Math.exp(-z)) ? "Yes" : "No"];
  });
  return { columns, rows: data };
}
