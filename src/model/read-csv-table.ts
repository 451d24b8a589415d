import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AppError, ErrorCode } from "../errors.ts";
import { CsvParser, type CsvRecord } from "../ingest/csv/index.ts";
import { moduleLogger } from "../logger.ts";
import type { RawValue, Table } from "./types.ts";

const log = moduleLogger("model");

/** A CSV file read into memory. */
export interface CsvTable {
  table: Table;
  /** "utf-8" or "latin1" (when the bytes are not valid UTF-8). */
  encoding: "utf-8" | "latin1";
  /** sha256 of the file bytes, hex. */
  sha256: string;
}

/** Decodes bytes as UTF-8 (BOM stripped), falling back to latin-1 when they are not valid UTF-8. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "latin1" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: Buffer.from(bytes).toString("latin1"), encoding: "latin1" };
  }
}

/**
 * Parses CSV text with a header row into a Table (Retain's own parser: several times faster than
 * csv-parse on unquoted lines). A cell whose text is exactly a finite number's shortest form
 * ("12", "0.5", not "012" or " 5") becomes that number: every later step reads it without parsing
 * again, and as a category it is the same text.
 */
export function parseCsvText(text: string, source = "csv"): Table {
  const parser = new CsvParser();
  let records: CsvRecord[];
  try {
    records = parser.end(parser.push(text));
  } catch (error) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected a well-formed CSV in ${source}, found: ${(error as Error).message}`,
    );
  }
  if (records.length < 2) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected a header and at least one data row in ${source}, found ${records.length} line(s)`,
    );
  }
  const columns = records[0].fields.map((h) => h.trim());
  const rows: RawValue[][] = new Array(records.length - 1);
  for (let r = 1; r < records.length; r++) {
    const { fields, line } = records[r];
    if (fields.length !== columns.length) {
      throw new AppError(
        ErrorCode.BadInput,
        `expected ${columns.length} fields on every line of ${source} (as in the header), found ${fields.length} on line ${line}`,
      );
    }
    rows[r - 1] = fields.map(castNumber);
  }
  return { columns, rows };
}

function castNumber(text: string): RawValue {
  if (text.length === 0 || text.length > 24) return text;
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text ? n : text;
}

/** Reads a CSV file (UTF-8, or latin-1 with a warning) into a Table of strings. */
export async function readCsvTable(file: string): Promise<CsvTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new AppError(
      ErrorCode.NotFound,
      `expected a readable CSV file at ${file}, found: ${(error as Error).message}`,
    );
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { text, encoding } = decodeText(bytes);
  if (encoding === "latin1") log.warn({ file }, "CSV is not valid UTF-8; decoded as latin-1");
  return { table: parseCsvText(text, file), encoding, sha256 };
}
