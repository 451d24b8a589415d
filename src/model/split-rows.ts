import { AppError, ErrorCode } from "../errors.ts";
import { createRandom } from "./seeded-random.ts";

/**
 * How validation rows are chosen:
 * - `kfold`: stratified K-fold cross-fitting: each row is validation once, one network per fold;
 * - `stratified`: a random share per class;
 * - `mask`: `validation[i]` true marks row i as validation;
 * - `groups`: rows whose group is in `holdout` are validation; `"latest"` holds out the largest
 *   group values (e.g. the latest as-of dates) until they reach `fraction` of the rows.
 */
export type ValidationSplit =
  | { kind: "kfold"; folds?: number }
  | { kind: "stratified"; fraction?: number }
  | { kind: "mask"; validation: ArrayLike<boolean> }
  | { kind: "groups"; groups: ArrayLike<string | number>; holdout?: "latest" | (string | number)[]; fraction?: number };

/** Row indices of the two sides of a split, ascending. */
export interface RowSplit {
  train: Int32Array;
  holdout: Int32Array;
}

/** Randomly holds out `fraction` of each class (seeded), keeping class rates equal on both sides. */
export function stratifiedSplit({
  y,
  fraction = 0.2,
  seed,
}: {
  y: ArrayLike<number>;
  fraction?: number;
  seed: number;
}): RowSplit {
  const random = createRandom(seed);
  const holdout = new Uint8Array(y.length);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) members.push(i);
    random.shuffle(members);
    const take = Math.round(members.length * fraction);
    for (let k = 0; k < take; k++) holdout[members[k]] = 1;
  }
  return fromFlags(holdout);
}

function fromFlags(flags: ArrayLike<number | boolean>): RowSplit {
  const train: number[] = [];
  const held: number[] = [];
  for (let i = 0; i < flags.length; i++) (flags[i] ? held : train).push(i);
  return { train: Int32Array.from(train), holdout: Int32Array.from(held) };
}

function latestGroups(groups: ArrayLike<string | number>, fraction: number): Set<string | number> {
  const counts = new Map<string | number, number>();
  for (let i = 0; i < groups.length; i++) counts.set(groups[i], (counts.get(groups[i]) ?? 0) + 1);
  const ordered = [...counts.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const chosen = new Set<string | number>();
  let taken = 0;
  for (const g of ordered) {
    if (chosen.size > 0 && taken >= fraction * groups.length) break;
    chosen.add(g);
    taken += counts.get(g) ?? 0;
  }
  return chosen;
}

/** Stratified K folds (seeded): rows of each class are dealt round-robin after a shuffle. */
export function stratifiedFolds({ y, folds, seed }: { y: ArrayLike<number>; folds: number; seed: number }): RowSplit[] {
  const random = createRandom(seed);
  const fold = new Int32Array(y.length).fill(-1);
  let next = 0;
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) members.push(i);
    for (const i of random.shuffle(members)) fold[i] = next++ % folds;
  }
  return Array.from({ length: folds }, (_, f) => fromFlags(Array.from(fold, (v) => v === f)));
}

function checkClasses(y: ArrayLike<number>, result: RowSplit): void {
  for (const [side, idx] of Object.entries(result)) {
    let pos = 0;
    for (const i of idx as Int32Array) pos += y[i] === 1 ? 1 : 0;
    if (pos === 0 || pos === (idx as Int32Array).length) {
      throw new AppError(
        ErrorCode.BadInput,
        `expected both classes on the ${side} side of the split, found ${pos} positive of ${(idx as Int32Array).length} rows`,
      );
    }
  }
}

/** Resolves a ValidationSplit for `y` (labels of all rows) into one or more folds. Throws if a side lacks a class. */
export function splitRows({
  y,
  split,
  seed,
}: {
  y: ArrayLike<number>;
  split: ValidationSplit;
  seed: number;
}): RowSplit[] {
  if (split.kind === "kfold") {
    const folds = stratifiedFolds({ y, folds: split.folds ?? 5, seed });
    for (const f of folds) checkClasses(y, f);
    return folds;
  }
  let result: RowSplit;
  if (split.kind === "stratified") result = stratifiedSplit({ y, fraction: split.fraction, seed });
  else if (split.kind === "mask") {
    if (split.validation.length !== y.length)
      throw new AppError(
        ErrorCode.BadInput,
        `expected a validation mask of ${y.length} rows, found ${split.validation.length}`,
      );
    result = fromFlags(split.validation);
  } else {
    if (split.groups.length !== y.length)
      throw new AppError(ErrorCode.BadInput, `expected ${y.length} group ids, found ${split.groups.length}`);
    const held =
      split.holdout === undefined || split.holdout === "latest"
        ? latestGroups(split.groups, split.fraction ?? 0.2)
        : new Set(split.holdout);
    result = fromFlags(Array.from(split.groups, (g) => held.has(g)));
  }
  checkClasses(y, result);
  return [result];
}
