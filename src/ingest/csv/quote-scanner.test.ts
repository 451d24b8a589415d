import { describe, expect, it } from "vitest";
import { CsvParser, CsvSyntaxError } from "./csv-parser.ts";
import { QuoteScanner } from "./quote-scanner.ts";

function scan(chunks: string[]): number {
  const scanner = new QuoteScanner();
  for (const c of chunks) scanner.push(Buffer.from(c));
  return scanner.end();
}

/** Whether CsvParser throws at the end of the text, fed in the same chunks. */
function parserRefuses(chunks: string[]): boolean {
  const parser = new CsvParser();
  try {
    for (const c of chunks) parser.push(c);
    parser.end();
    return false;
  } catch (error) {
    if (error instanceof CsvSyntaxError) return true;
    throw error;
  }
}

describe("QuoteScanner", () => {
  it.each([
    ["no quotes", "a,b\n1,2\n", -1],
    ["a closed quoted field", 'a,"b"\n', -1],
    ["doubled quotes inside", 'a,"b ""c"" d"\n', -1],
    ["a line break inside", 'a,"b\nc"\n', -1],
    ["a quote inside an unquoted field is text", 'a,b"c\n', -1],
    ["stray text and quotes after a closing quote", 'a,"b"x"y\n', -1],
    ["a closing quote as the last byte", 'a,"b"', -1],
    ["unterminated at the end", 'a,b\n1,"2\n', 6],
    ["unterminated after a doubled quote", 'a,"b""\n', 2],
    ["opened at the start of the file", '"a\n', 0],
    ["opened after a BOM", '\uFEFF"a\n', 3],
    ["opened after a lone CR", 'a\r"b\r', 2],
    ["opened after CRLF", 'a\r\n"b', 3],
  ])("%s", (_name, text, opened) => {
    expect(scan([text])).toBe(opened);
  });

  it("keeps its state across chunk boundaries, whatever the chunk size", () => {
    const text = 'id,t\n1,"a""b"\n2,"c\nd",x"y\n3,"e""';
    const whole = scan([text]);
    expect(whole).toBe(28);
    for (let size = 1; size < text.length; size++)
      expect(scan(text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!)).toBe(whole);
  });

  it("refuses exactly the texts CsvParser refuses at the end (random texts, random chunks)", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['"', '"', ",", "\n", "\r", "a", "b"];
    for (let n = 0; n < 5000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 24) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join("");
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + Math.floor(random() * 6);
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      expect({ text, refused: scan(chunks) !== -1 }).toEqual({ text, refused: parserRefuses(chunks) });
    }
  });
});
