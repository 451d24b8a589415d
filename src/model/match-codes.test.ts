import { describe, expect, it } from "vitest";
import { encodeTable } from "./encode-table.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { ColumnType } from "./infer-column-types.ts";
import { codeSizes, matchCodes, oneHotCodes } from "./match-codes.ts";

const columns = [
  { name: "spend", type: ColumnType.Numeric },
  { name: "flag", type: ColumnType.Numeric },
  { name: "plan", type: ColumnType.Categorical },
];
// spend 0..39 (one missing) gets 4 bins; flag is binary (no bins); plan has two kept categories.
const rows = Array.from({ length: 40 }, (_, i) => [i === 5 ? "" : String(i), String(i % 2), ["basic", "pro"][i % 2]]);
const table = { columns: ["spend", "flag", "plan"], rows };
const spec = fitPreprocessor({
  table,
  columns,
  rows: Int32Array.from({ length: 40 }, (_, i) => i),
  bins: 4,
  minCount: 2,
});
const codesOf = (...raw: string[][]) =>
  Array.from(matchCodes(spec, encodeTable(spec, { columns: table.columns, rows: raw })).codes);

describe("matchCodes", () => {
  it("gives each feature a code per bin, side of the median or category, and one for missing", () => {
    expect(codeSizes(spec)).toEqual([5 + 1, 3, 3]);
    expect(codesOf(["0", "0", "basic"])).toEqual([0, 0, 0]); // flag 0 is below its median of 0.5
    expect(codesOf(["12", "1", "pro"])).toEqual([1, 2, 1]);
    expect(codesOf(["39", "1", "enterprise"])).toEqual([4, 2, 2]); // top bin; unknown plan is "other"
    expect(codesOf(["", "0", "pro"])).toEqual([5, 0, 1]);
  });

  it("one-hot rows whose dot product counts the features two rows share", () => {
    const x = encodeTable(spec, {
      columns: table.columns,
      rows: [
        ["3", "1", "pro"],
        ["4", "1", "basic"],
        ["35", "0", "basic"],
      ],
    });
    const hot = oneHotCodes(matchCodes(spec, x), [0, 1, 2]);
    const dot = (a: number, b: number) =>
      hot.data.subarray(a * hot.cols, (a + 1) * hot.cols).reduce((s, v, c) => s + v * hot.data[b * hot.cols + c], 0);
    expect(hot.cols).toBe(12);
    expect([dot(0, 0), dot(0, 1), dot(1, 2), dot(0, 2)]).toEqual([3, 2, 1, 0]);
  });
});
