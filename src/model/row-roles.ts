import { AppError, ErrorCode } from "../errors.ts";
import { splitRows, type ValidationSplit } from "./split-rows.ts";

/**
 * What each row is used for: fitting, choosing (early stopping, selection, calibration,
 * threshold), the untouched test, or only the final refit (dates between windows).
 */
export const RowRole = { Unused: -1, Train: 0, Validation: 1, Test: 2, RefitOnly: 3 } as const;
export type RowRole = (typeof RowRole)[keyof typeof RowRole];
/** One RowRole per row. */
export type RowRoles = Int8Array;

export interface RowSets {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** Every labelled row with a role, refit-only rows included (what the refit trains on). */
  labelled: Int32Array;
}

function countClasses(y: ArrayLike<number>, rows: Int32Array): number {
  let positives = 0;
  for (const i of rows) positives += y[i] === 1 ? 1 : 0;
  return positives;
}

/**
 * The row sets from explicit roles, or from a validation split of the labelled rows (default: a
 * stratified 20 %). Rows without a label take no part. Training and validation need both classes.
 */
export function rowRoles(options: {
  y: ArrayLike<number>;
  missing: readonly number[];
  roles?: RowRoles;
  split?: ValidationSplit;
  seed: number;
}): RowSets {
  const { y, missing, seed } = options;
  const unlabelled = new Set(missing);
  let roles = options.roles;
  if (roles && roles.length !== y.length)
    throw new AppError(ErrorCode.BadInput, `expected a role for each of the ${y.length} rows, found ${roles.length}`);
  if (!roles) {
    const kept = Int32Array.from({ length: y.length }, (_, i) => i).filter((i) => !unlabelled.has(i));
    const split = options.split ?? { kind: "stratified", fraction: 0.2 };
    const keptY = Float32Array.from(kept, (i) => y[i]);
    const keptSplit =
      split.kind === "mask"
        ? { kind: "mask" as const, validation: Array.from(kept, (i) => Boolean(split.validation[i])) }
        : split.kind === "groups"
          ? { ...split, groups: Array.from(kept, (i) => split.groups[i]) }
          : split;
    const [fold] = splitRows({ y: keptY, split: keptSplit, seed });
    roles = new Int8Array(y.length).fill(RowRole.Unused);
    for (const k of fold.train) roles[kept[k]] = RowRole.Train;
    for (const k of fold.holdout) roles[kept[k]] = RowRole.Validation;
  }
  const pick = (role: RowRole) =>
    Int32Array.from({ length: y.length }, (_, i) => i).filter((i) => roles![i] === role && !unlabelled.has(i));
  const sets = { train: pick(RowRole.Train), validation: pick(RowRole.Validation), test: pick(RowRole.Test) };
  for (const side of ["train", "validation"] as const) {
    const positives = countClasses(y, sets[side]);
    if (positives === 0 || positives === sets[side].length) {
      throw new AppError(
        ErrorCode.BadInput,
        `expected both classes among the ${side} rows, found ${positives} positive of ${sets[side].length}`,
      );
    }
  }
  const labelled = Int32Array.from({ length: y.length }, (_, i) => i).filter(
    (i) => roles![i] !== RowRole.Unused && !unlabelled.has(i),
  );
  return { ...sets, labelled };
}
