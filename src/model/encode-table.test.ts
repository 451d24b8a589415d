import { describe, expect, it } from "vitest";
import { encodeTable } from "./encode-table.ts";
import { fitPreprocessor } from "./fit-preprocessor.ts";
import { ColumnType } from "./infer-column-types.ts";
import type { Table } from "./types.ts";

describe("encodeTable reads the columns a saved model names", () => {
  // A model saved before failed_payment_30d existed: its preprocessing names mrr and plan only.
  const trained: Table = {
    columns: ["mrr", "plan"],
    rows: [
      [100, "Pro"],
      [250, "Team"],
      [40, "Pro"],
      [900, "Enterprise"],
    ],
  };
  const spec = fitPreprocessor({
    table: trained,
    columns: [
      { name: "mrr", type: ColumnType.Numeric },
      { name: "plan", type: ColumnType.Categorical },
    ],
    rows: [0, 1, 2, 3],
    minCount: 1,
  });

  it("ignores a column added since (and any order): the same matrix as without it", () => {
    const today: Table = {
      columns: ["plan", "failed_payment_30d", "mrr"],
      rows: [
        ["Team", 1, 250],
        ["Pro", 0, 40],
      ],
    };
    const before: Table = {
      columns: ["mrr", "plan"],
      rows: [
        [250, "Team"],
        [40, "Pro"],
      ],
    };
    expect(Array.from(encodeTable(spec, today).data)).toEqual(Array.from(encodeTable(spec, before).data));
  });

  it("still refuses a frame missing a column the model needs, naming it", () => {
    expect(() => encodeTable(spec, { columns: ["failed_payment_30d", "plan"], rows: [[1, "Pro"]] })).toThrow(/mrr/);
  });
});
