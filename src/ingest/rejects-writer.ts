import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";

/** A rejected record: where, which column, why, and its original values. */
export interface Reject {
  line: number;
  column: string;
  reason: string;
  values: string[];
}

export function csvEscape(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes rejects to a CSV (line, column, reason, then the original columns) so they can be
 * fixed and re-imported. The file is created on the first reject only.
 */
export class RejectsWriter {
  private stream: WriteStream | null = null;
  count = 0;

  constructor(
    readonly path: string,
    private readonly header: string[],
  ) {}

  async write(rejects: Reject[]): Promise<void> {
    if (!rejects.length) return;
    if (!this.stream) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.stream = createWriteStream(this.path);
      this.stream.write(`${["line", "column", "reason", ...this.header].map(csvEscape).join(",")}\n`);
    }
    const text = rejects
      .map((r) => `${[String(r.line), r.column, r.reason, ...r.values].map(csvEscape).join(",")}\n`)
      .join("");
    this.count += rejects.length;
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream!.once("drain", () => resolve()));
  }

  /** The file's path, or null when nothing was rejected. */
  async close(): Promise<string | null> {
    if (!this.stream) return null;
    await new Promise<void>((resolve, reject) =>
      this.stream!.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return this.path;
  }
}
