import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ColumnType, DropReason, inferColumnTypes } from "./infer-column-types.ts";
import { readCsvTable } from "./read-csv-table.ts";

const telco = resolve(import.meta.dirname, "../../../shared/datasets/telco.csv");

describe("inferColumnTypes", () => {
  it.skipIf(!existsSync(telco))(
    "types Telco: TotalCharges numeric despite blanks, customerID dropped as id",
    async () => {
      const { table } = await readCsvTable(telco);
      const typing = inferColumnTypes(table, { label: "Churn" });
      const type = (name: string) => typing.features.find((f) => f.name === name)?.type;
      expect(type("TotalCharges")).toBe(ColumnType.Numeric);
      expect(type("tenure")).toBe(ColumnType.Numeric);
      expect(type("Contract")).toBe(ColumnType.Categorical);
      expect(typing.dropped).toContainEqual({ name: "customerID", reason: DropReason.Id });
      expect(typing.dropped).toContainEqual({ name: "Churn", reason: DropReason.Label });
    },
  );

  const rows = Array.from({ length: 100 }, (_, i) => [
    i + 1,
    `C-${1000 + i}`,
    "same",
    ["a", "b", "c"][i % 3],
    String(i % 7),
    i % 10 === 0 ? " " : String(i * 1.5),
    `name${i % 60}`,
    i % 2 ? "Yes" : "No",
    15_000_000 + i * 37,
  ]);
  const table = {
    columns: ["RowNumber", "code", "const", "plan", "seats", "spend", "surname", "churn", "CustomerId"],
    rows,
  };
  const typing = inferColumnTypes(table, { label: "churn" });
  const reason = (name: string) => typing.dropped.find((d) => d.name === name)?.reason;

  it.each([
    { column: "RowNumber", reason: DropReason.Id },
    { column: "code", reason: DropReason.Id },
    { column: "CustomerId", reason: DropReason.Id },
    { column: "const", reason: DropReason.Constant },
    { column: "surname", reason: DropReason.HighCardinality },
  ])("drops $column ($reason)", (c) => expect(reason(c.column)).toBe(c.reason));

  it("keeps numeric text (with blanks) numeric and text categorical", () => {
    expect(typing.features).toEqual([
      { name: "plan", type: ColumnType.Categorical },
      { name: "seats", type: ColumnType.Numeric },
      { name: "spend", type: ColumnType.Numeric },
    ]);
  });

  it("drops an explicit id column and excluded columns", () => {
    const t = inferColumnTypes(table, { label: "churn", id: "plan", exclude: ["seats"] });
    expect(t.dropped).toContainEqual({ name: "plan", reason: DropReason.Id });
    expect(t.dropped).toContainEqual({ name: "seats", reason: DropReason.Excluded });
  });
});
