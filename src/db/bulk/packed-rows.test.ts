import { describe, expect, it } from "vitest";
import { packRows, rowReader, transferList, type PackedRows } from "./packed-rows.ts";
import type { Cell } from "./table-specs.ts";

function unpack(packed: PackedRows): Cell[][] {
  const read = rowReader(packed);
  return Array.from({ length: packed.count }, (_, i) => {
    const row: Cell[] = [];
    read(i, row);
    return row;
  });
}

describe("packed rows", () => {
  it("round-trips numbers, repeated text, unique text and nulls through a thread-style clone", () => {
    const rows: Cell[][] = Array.from({ length: 3000 }, (_, i) => [
      `T${i}`,
      i % 7 === 0 ? null : i * 1.5,
      ["email", "chat"][i % 2],
      i % 5 === 0 ? null : "x",
      0,
    ]);
    const packed = packRows(
      rows,
      rows.map((_, i) => i + 2),
    );
    const cloned = structuredClone(packed, { transfer: transferList(packed) });
    expect(unpack(cloned)).toEqual(rows);
    expect(Array.from(cloned.lines)).toEqual(rows.map((_, i) => i + 2));
  });

  it("sends repetitive text as a dictionary and unique text plain", () => {
    const rows: Cell[][] = Array.from({ length: 2000 }, (_, i) => [`id-${i}`, ["low", "high"][i % 2]]);
    const [ids, levels] = packRows(rows, []).columns;
    expect("plain" in ids).toBe(true);
    expect("texts" in levels && levels.texts).toEqual(["low", "high"]);
  });

  it("keeps an all-null column null", () => {
    const rows: Cell[][] = [[null], [null]];
    expect(unpack(packRows(rows, [1, 2]))).toEqual(rows);
  });
});
