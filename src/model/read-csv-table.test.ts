import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, parseCsvText, readCsvTable } from "./read-csv-table.ts";

describe("decodeText", () => {
  it("reads UTF-8 and strips the BOM", () => {
    expect(decodeText(Buffer.from("\uFEFFa,b\nJosé,1\n", "utf8"))).toEqual({
      text: "a,b\nJosé,1\n",
      encoding: "utf-8",
    });
  });

  it("falls back to latin-1 for bytes that are not UTF-8", () => {
    expect(decodeText(Buffer.from("a,b\nJosé,1\n", "latin1"))).toEqual({ text: "a,b\nJosé,1\n", encoding: "latin1" });
  });
});

describe("readCsvTable", () => {
  it("parses a latin-1 file, hashes its bytes and trims the header", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retain-csv-"));
    try {
      writeFileSync(join(dir, "x.csv"), Buffer.from(" id ,name\n1,Müller\n", "latin1"));
      const csv = await readCsvTable(join(dir, "x.csv"));
      expect(csv.encoding).toBe("latin1");
      expect(csv.table).toEqual({ columns: ["id", "name"], rows: [[1, "Müller"]] });
      expect(csv.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads a number's shortest form as that number and keeps every other text as written", () => {
    const table = parseCsvText('a,b,c,d,e,f,g,h\n12,0.5,-3,012, 5,1e3,NaN,"7"\n');
    expect(table.rows).toEqual([[12, 0.5, -3, "012", " 5", "1e3", "NaN", 7]]);
  });

  it("names the line whose field count differs from the header, and an unterminated quote", () => {
    expect(() => parseCsvText("a,b\n1,2\n3\n")).toThrow(
      /expected 2 fields on every line of csv \(as in the header\), found 1 on line 3/,
    );
    expect(() => parseCsvText('a,b\n1,"2\n')).toThrow(
      /expected a well-formed CSV in csv, found: unterminated quoted field starting on line 2/,
    );
  });

  it("rejects a file with no data rows", () => {
    expect(() => parseCsvText("a,b\n")).toThrow(/expected a header and at least one data row/);
  });

  it("reports a missing file as not found", async () => {
    await expect(readCsvTable("/nonexistent/file.csv")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
