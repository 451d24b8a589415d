import { ColumnType } from "./infer-column-types.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";

/**
 * Feature directions as directions of encoded value columns (the robust z-score keeps the order),
 * for the trees' monotone constraints; undefined when no feature has one.
 */
export function monotoneColumns(
  spec: PreprocessingSpec,
  directions?: ReadonlyMap<string, number>,
): Map<number, number> | undefined {
  if (!directions) return undefined;
  const out = new Map<number, number>();
  spec.features.forEach((f, i) => {
    const d = directions.get(f.name) ?? 0;
    if (f.type === ColumnType.Numeric && d !== 0) out.set(spec.offsets[i], Math.sign(d));
  });
  return out.size > 0 ? out : undefined;
}
