import { describe, expect, it } from "vitest";
import { encodeTable, referenceValue } from "./encode-table.ts";
import { fitPreprocessor, type CategoricalSpec, type NumericSpec } from "./fit-preprocessor.ts";
import { ColumnType } from "./infer-column-types.ts";

const columns = [
  { name: "spend", type: ColumnType.Numeric },
  { name: "plan", type: ColumnType.Categorical },
];
// 40 training rows (spend 0..39, one missing) and one odd row that must not influence the fit.
const rows = [
  ...Array.from({ length: 40 }, (_, i) => [i === 5 ? "" : String(i), ["basic", "pro"][i % 2]]),
  ["1000000", "enterprise"],
];
const table = { columns: ["spend", "plan"], rows };
const trainRows = Int32Array.from({ length: 40 }, (_, i) => i);
const spec = fitPreprocessor({ table, columns, rows: trainRows, bins: 4, minCount: 2 });

describe("fitPreprocessor", () => {
  it("fits robust scaling, a missing indicator and bins on training rows only", () => {
    const spend = spec.features[0] as NumericSpec;
    expect(spend.median).toBe(20);
    expect(spend.hi).toBeLessThan(40); // the 1,000,000 row is not a training row
    expect(spend.indicator).toBe(true);
    expect(spend.edges).toHaveLength(5);
    const plan = spec.features[1] as CategoricalSpec;
    expect(plan.categories).toEqual(["basic", "pro"]);
    expect(spec.width).toBe(1 + 1 + 4 + 3);
    expect(spec.offsets).toEqual([0, 6, 9]);
  });

  it("is plain JSON (saved as preprocessing.json)", () => expect(JSON.parse(JSON.stringify(spec))).toEqual(spec));
});

describe("encodeTable", () => {
  const x = encodeTable(spec, {
    columns: ["plan", "spend"],
    rows: [
      ["pro", "20"],
      ["enterprise", ""],
      ["basic", "1e9"],
    ],
  });
  const row = (r: number) => Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols));

  it("standardises around the median, imputes missing values and flags them", () => {
    expect(row(0)[0]).toBeCloseTo(0, 6);
    expect(row(0)[1]).toBe(0);
    expect(row(1)[0]).toBeCloseTo(0, 6);
    expect(row(1)[1]).toBe(1);
  });

  it("clips outliers to the training range and fills bins piecewise-linearly", () => {
    const bins = row(2).slice(2, 6);
    expect(bins).toEqual([1, 1, 1, 1]);
    expect(
      row(0)
        .slice(2, 6)
        .every((v) => v >= 0 && v <= 1),
    ).toBe(true);
  });

  it("one-hot encodes categories with an 'other' bucket for unseen values", () => {
    expect(row(0).slice(6)).toEqual([0, 1, 0]);
    expect(row(1).slice(6)).toEqual([0, 0, 1]);
  });

  it("names every missing model column", () => {
    expect(() => encodeTable(spec, { columns: ["x"], rows: [[1]] })).toThrow(/spend, plan/);
  });

  it("uses the median and mode as explanation references", () => {
    expect(spec.features.map(referenceValue)).toEqual([20, "basic"]);
  });
});
