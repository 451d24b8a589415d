import { describe, expect, it } from "vitest";
import { CsvParser, CsvSyntaxError } from "./csv-parser.ts";

function parseAll(chunks: string[]) {
  const parser = new CsvParser();
  const out = chunks.flatMap((c) => parser.push(c));
  return [...out, ...parser.end()];
}

describe("CsvParser", () => {
  it("splits plain lines and numbers them from 1", () => {
    expect(parseAll(["a,b\n1,2\n3,4\n"])).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["1", "2"], line: 2 },
      { fields: ["3", "4"], line: 3 },
    ]);
  });

  it("handles CRLF, a missing final newline and empty lines", () => {
    const records = parseAll(["a,b\r\n1,2\r\n\r\n3,4"]);
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(records[2].line).toBe(4);
  });

  it("reads a lone CR as a line break (old spreadsheet exports), across chunk boundaries and beside CRLF", () => {
    const text = 'a,b\r1,2\r"x\ry",3\r\n4,5\r';
    const whole = parseAll([text]);
    expect(whole).toEqual([
      { fields: ["a", "b"], line: 1 },
      { fields: ["1", "2"], line: 2 },
      { fields: ["x\ny", "3"], line: 3 },
      { fields: ["4", "5"], line: 5 },
    ]);
    for (let size = 1; size < text.length; size++)
      expect(parseAll(text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!)).toEqual(whole);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const records = parseAll(['id,text\n1,"a, ""quoted""\nsecond line",x\n2,plain\n']);
    expect(records[1]).toEqual({ fields: ["1", 'a, "quoted"\nsecond line', "x"], line: 2 });
    expect(records[2]).toEqual({ fields: ["2", "plain"], line: 4 });
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const text = 'h1,h2\n"x,""y""\r\nz",2\nplain,3\n"",4\n';
    const whole = parseAll([text]);
    for (let size = 1; size < text.length; size++) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!;
      expect(parseAll(chunks)).toEqual(whole);
    }
    expect(whole.map((r) => r.fields)).toEqual([
      ["h1", "h2"],
      ['x,"y"\r\nz', "2"],
      ["plain", "3"],
      ["", "4"],
    ]);
  });

  it("refuses an unterminated quoted field at the end of input", () => {
    expect(() => parseAll(['a,b\n1,"never closed\n'])).toThrow(CsvSyntaxError);
  });
});
