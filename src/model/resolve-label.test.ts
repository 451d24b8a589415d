import { describe, expect, it } from "vitest";
import { resolveLabels } from "./resolve-label.ts";

describe("resolveLabels", () => {
  it.each([
    { values: ["Yes", "No", "yes"], positive: "Yes", y: [1, 0, 1] },
    { values: [1, 0, 1], positive: "1", y: [1, 0, 1] },
    { values: ["0", "1.0", "1"], positive: "1.0", y: [0, 1, 1] }, // "1.0" and "1" are one label
    { values: [true, false, true], positive: "true", y: [1, 0, 1] },
  ])("detects the churn value in $values", ({ values, positive, y }) => {
    const r = resolveLabels(values);
    expect(r.positive).toBe(positive);
    expect(Array.from(r.y)).toEqual(y);
  });

  it("uses an explicit positive value and reports missing labels", () => {
    const r = resolveLabels(["churned", "active", "", "churned"], { positive: "churned" });
    expect(Array.from(r.y)).toEqual([1, 0, 0, 1]);
    expect(r.missing).toEqual([2]);
  });

  it.each([
    { values: ["a", "b", "c"], message: /exactly 2 values/ },
    { values: ["up", "down"], message: /pass the positive value/ },
  ])("rejects $values", ({ values, message }) => expect(() => resolveLabels(values)).toThrow(message));

  it("rejects a positive value that never occurs", () =>
    expect(() => resolveLabels(["a", "b"], { positive: "c" })).toThrow(/expected positive label "c"/));
});
