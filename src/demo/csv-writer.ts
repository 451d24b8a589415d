import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";

const NEEDS_QUOTES = /[",\r\n]/;
const CHUNK_BYTES = 1 << 20;

/** One CSV field per RFC 4180: quoted (with doubled quotes) only if it holds a comma, quote or newline. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A buffered CSV file writer for large outputs. Lines are encoded straight into 1 MiB byte
 * chunks (no long strings, little garbage); full chunks go to the file stream at once and
 * `await flush()` between units of work waits while the stream is backed up, so memory stays
 * flat. Hot paths may encode bytes themselves with `reserve` / `cursor` / `commit`.
 * Lines end with "\n"; the header is written on open.
 */
export class CsvWriter {
  /** Data rows written (header excluded). */
  rows = 0;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private failure: Error | undefined;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    stream.on("error", (error) => {
      this.failure = error;
    });
  }

  /** Creates (or truncates) `path` and writes the header row. */
  static async open(options: { path: string; header: readonly string[] }): Promise<CsvWriter> {
    const { path, header } = options;
    const stream = createWriteStream(path, { highWaterMark: CHUNK_BYTES });
    await once(stream, "open");
    const writer = new CsvWriter(path, stream);
    writer.line(`${header.map(csvField).join(",")}\n`, 0);
    return writer;
  }

  /** Appends pre-formatted text (UTF-8) holding `rows` data lines, each ending with "\n". */
  line(text: string, rows = 1): void {
    const chunk = this.reserve(text.length * 3);
    this.used += chunk.write(text, this.used, "utf8");
    this.rows += rows;
  }

  /** Appends one data row from raw text fields, quoting as needed. */
  row(fields: readonly string[]): void {
    this.line(`${fields.map(csvField).join(",")}\n`);
  }

  /** Guarantees room for `bytes` more bytes at `cursor` and returns the chunk to encode into. */
  reserve(bytes: number): Buffer {
    if (this.used + bytes > this.chunk.length) {
      this.sendChunk();
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    }
    return this.chunk;
  }

  /** Where the next byte goes in the reserved chunk. */
  get cursor(): number {
    return this.used;
  }

  /** Records bytes encoded directly into the chunk, up to `end`, holding `rows` lines. */
  commit(end: number, rows: number): void {
    this.used = end;
    this.rows += rows;
  }

  /** Waits while the file stream is backed up; `force` also hands over the partial chunk. */
  async flush(force = false): Promise<void> {
    this.throwIfFailed();
    if (force && this.used > 0) {
      this.sendChunk();
      this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    }
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
    this.throwIfFailed();
  }

  /** Writes the rest and closes the file. */
  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await finished(this.stream);
    this.throwIfFailed();
  }

  /** Closes the file without writing the rest (after a failure elsewhere). */
  destroy(): void {
    this.used = 0;
    this.stream.destroy();
  }

  private sendChunk(): void {
    // The stream keeps the buffer until written, so a new chunk is allocated afterwards.
    if (this.used > 0) this.stream.write(this.chunk.subarray(0, this.used));
    this.used = 0;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
