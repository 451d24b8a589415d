import { AppError, ErrorCode } from "../errors.ts";
import { toCategory } from "./parse-value.ts";
import type { RawValue } from "./types.ts";

/** Label values taken as "churned" when no positive value is given, in order of preference. */
const positiveGuesses = ["yes", "1", "true", "churn", "churned", "y", "t", "1.0"];

/** Labels as 0/1 plus the rows that had no label. */
export interface ResolvedLabels {
  y: Float32Array;
  /** The label text that means churn, as found in the data. */
  positive: string;
  /** Indices of rows with a missing label (their y is 0 and they should be skipped). */
  missing: number[];
}

function sameLabel(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const na = Number(a);
  const nb = Number(b);
  return a !== "" && b !== "" && Number.isFinite(na) && na === nb;
}

/**
 * Turns a label column into 0/1. Without `positive`, the column must hold exactly two values
 * and one of them must look like churn ("Yes", "1", "true", …).
 */
export function resolveLabels(values: readonly RawValue[], { positive, column = "label" }: { positive?: string; column?: string } = {}): ResolvedLabels {
  const distinct = new Set<string>();
  const text = values.map((v) => toCategory(v));
  for (const t of text) if (t !== null) distinct.add(t);
  let chosen = positive;
  if (chosen === undefined) {
    if (distinct.size !== 2) {
      throw new AppError(ErrorCode.BadInput, `expected label column "${column}" to hold exactly 2 values (or a positive value to be given), found ${distinct.size}: ${[...distinct].slice(0, 5).join(", ")}`);
    }
    chosen = positiveGuesses.map((g) => [...distinct].find((d) => sameLabel(d, g))).find((d) => d !== undefined);
    if (chosen === undefined) {
      throw new AppError(ErrorCode.BadInput, `expected label column "${column}" to use Yes/No, 1/0 or true/false, found ${[...distinct].join(", ")}; pass the positive value`);
    }
  }
  const y = new Float32Array(values.length);
  const missing: number[] = [];
  let positives = 0;
  text.forEach((t, i) => {
    if (t === null) missing.push(i);
    else if (sameLabel(t, chosen)) {
      y[i] = 1;
      positives++;
    }
  });
  if (positive !== undefined && positives === 0 && distinct.size > 0) {
    throw new AppError(ErrorCode.BadInput, `expected positive label "${positive}" in column "${column}", found only ${[...distinct].slice(0, 5).join(", ")}`);
  }
  return { y, positive: [...distinct].find((d) => sameLabel(d, chosen)) ?? chosen, missing };
}
