/**
 * How deep a JSON value may nest anywhere Retain reads one. Records are 2 levels (array →
 * object) and request bodies at most 3; JSON.parse reads any depth, but recursive code
 * (JSON.stringify, String() of arrays, zod) overflows the stack a few thousand levels down.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a parsed JSON value (a scalar 0, `[]` or `{}` 1, `[[1]]` 2), counted
 * without recursion so that no depth can overflow the stack. Stops past `limit` (returning
 * limit + 1) when only "too deep or not" matters.
 */
export function measureJsonDepth(value: unknown, limit = Infinity): number {
  if (value === null || typeof value !== "object") return 0;
  let deepest = 0;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === "object") {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return deepest;
}
