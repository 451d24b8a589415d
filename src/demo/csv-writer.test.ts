import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { CsvWriter, csvField } from "./csv-writer.ts";

const dir = await mkdtemp(join(tmpdir(), "retain-csv-writer-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
  ])("%j → %j", (value, expected) => expect(csvField(value)).toBe(expected));
});

describe("CsvWriter", () => {
  it("writes the header, rows (quoted as needed) and directly encoded bytes, counting data rows", async () => {
    const path = join(dir, "small.csv");
    const writer = await CsvWriter.open({ path, header: ["id", "text"] });
    writer.row(["1", 'He said "yes, now"']);
    writer.line("2,ünïcödé\n3,x\n", 2);
    const buf = writer.reserve(16);
    const end = writer.cursor + buf.write("4,raw\n", writer.cursor, "latin1");
    writer.commit(end, 1);
    await writer.close();
    expect(writer.rows).toBe(4);
    const text = await readFile(path, "utf8");
    expect(text).toBe('id,text\n1,"He said ""yes, now"""\n2,ünïcödé\n3,x\n4,raw\n');
    expect((parse(text, { columns: true }) as Record<string, string>[])[0].text).toBe('He said "yes, now"');
  });

  it("keeps every byte in order across many chunks", async () => {
    const path = join(dir, "big.csv");
    const writer = await CsvWriter.open({ path, header: ["n", "label"] });
    for (let i = 0; i < 200_000; i++) {
      writer.line(`${i},row number ${i}\n`);
      if (i % 1000 === 0) await writer.flush();
    }
    await writer.close();
    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines.length).toBe(200_002);
    expect(lines[1]).toBe("0,row number 0");
    expect(lines[200_000]).toBe("199999,row number 199999");
    expect(lines.every((line, i) => i === 0 || i === 200_001 || line === `${i - 1},row number ${i - 1}`)).toBe(true);
  });

  it("reports a file that cannot be created", async () => {
    await expect(CsvWriter.open({ path: join(dir, "missing", "x.csv"), header: ["a"] })).rejects.toThrow(/ENOENT/);
  });
});
