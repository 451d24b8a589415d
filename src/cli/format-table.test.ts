import { describe, expect, it } from "vitest";
import { moneyFormatter } from "../money/index.ts";
import { Cells, formatFields, formatTable, type CellFormat, type CellValue } from "./format-table.ts";

const one = (value: CellValue, format?: CellFormat) =>
  formatTable([{ value }], [{ header: "h", value: (r) => r.value, format }])
    .split("\n")[2]
    .trim();

describe("formatTable", () => {
  it("aligns text left and numbers right under their headers, with a rule under the header", () => {
    const rows = [
      { name: "alpha", n: 5, auc: 0.912345678901234 },
      { name: "b", n: 12345, auc: 0.5 },
    ];
    const text = formatTable(rows, [
      { header: "name", value: (r) => r.name },
      { header: "rows", value: (r) => r.n, format: Cells.count },
      { header: "AUC", value: (r) => r.auc, format: Cells.fixed(4) },
    ]);
    expect(text.split("\n")).toEqual([
      "name     rows     AUC",
      "─────  ──────  ──────",
      "alpha       5  0.9123",
      "b      12,345  0.5000",
    ]);
  });

  it.each([
    ["a count", 1234567, Cells.count, "1,234,567"],
    ["a count rounds", 2.6, Cells.count, "3"],
    ["an id, without separators", 123456, Cells.id, "123456"],
    ["AUC with 4 decimals", 0.8123456789012345, Cells.fixed(4), "0.8123"],
    ["a probability with 2", 0.2081693686123975, Cells.fixed(2), "0.21"],
    ["money in USD", 140127.19, Cells.money(moneyFormatter("USD")), "$140,127.19"],
    ["money in EUR", 59.09, Cells.money(moneyFormatter("EUR")), "€59.09"],
    ["a date", new Date("2026-03-04T05:06:07Z"), Cells.date, "2026-03-04"],
    ["a date and time", new Date("2026-03-04T05:06:07Z"), Cells.dateTime, "2026-03-04 05:06"],
    ["an ISO text as a date and time", "2026-03-04T23:59:59.999Z", Cells.dateTime, "2026-03-04 23:59"],
    ["text, without quotes", "it's 'here'", Cells.text, "it's 'here'"],
    ["a line break in text", "two\n lines", Cells.text, "two lines"],
    ["a whole number, by default a count", 10000, undefined, "10,000"],
    ["another number, by default 2 decimals", 1 / 3, undefined, "0.33"],
    ["a Date, by default with its time", new Date("2026-01-02T03:04:00Z"), undefined, "2026-01-02 03:04"],
  ])("%s: %j → %s", (_, value, format, text) => expect(one(value, format)).toBe(text));

  it.each([null, undefined, Number.NaN, new Date("nope")])(
    "a missing value (%j) is an empty cell, the column still aligned",
    (value) => {
      const text = formatTable(
        [{ v: value as CellValue }, { v: 1234 }],
        [
          { header: "key", value: () => "k" },
          { header: "value", value: (r) => r.v, format: Cells.count },
        ],
      );
      expect(text.split("\n")).toEqual(["key  value", "───  ─────", "k", "k    1,234"]);
    },
  );

  it("an empty list prints the header and rule", () => {
    expect(
      formatTable(
        [],
        [
          { header: "prefix", value: () => "" },
          { header: "role", value: () => "" },
        ],
      ),
    ).toBe("prefix  role\n──────  ────");
  });

  it("has no index column and no quotes", () => {
    const text = formatTable([{ s: "x" }], [{ header: "s", value: (r) => r.s }]);
    expect(text).not.toContain("(index)");
    expect(text).not.toMatch(/['"]/);
  });
});

describe("formatFields", () => {
  it("prints key: value lines with the values lined up, leaving out missing ones", () => {
    expect(formatFields({ source: "database", seed: 7, file: null, "as of": "2026-01-01" }, "  ")).toBe(
      ["  source:  database", "  seed:    7", "  as of:   2026-01-01"].join("\n"),
    );
  });
});
