/** A parsed CSV record and the line it starts on (1-based, header = line 1). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A CR not followed by LF. */
const LONE_CR = /\r(?!\n)/g;

/**
 * A streaming RFC 4180 parser: push text chunks, get complete records (lines end in LF, CRLF or a
 * lone CR). Lines without
 * quotes take a fast split path (several times faster than a general CSV library);
 * quoted fields may hold commas, doubled quotes and line breaks, across chunk boundaries.
 */
export class CsvParser {
  private buffer = "";
  private line = 1;
  /** A chunk ended in CR: whether it is a lone CR or half of CRLF shows with the next chunk. */
  private pendingCr = false;

  /** Parses what is complete in buffer + chunk; keeps the unfinished tail. */
  push(chunk: string, out: CsvRecord[] = []): CsvRecord[] {
    let text = this.pendingCr ? `\r${chunk}` : chunk;
    this.pendingCr = text.endsWith("\r");
    if (this.pendingCr) text = text.slice(0, -1);
    // Old spreadsheet exports end lines with a lone CR: read it as a line break.
    if (text.includes("\r")) text = text.replace(LONE_CR, "\n");
    this.buffer = this.buffer ? this.buffer + text : text;
    this.consume(out, false);
    return out;
  }

  /** Parses the rest at end of input; throws on an unterminated quoted field. */
  end(out: CsvRecord[] = []): CsvRecord[] {
    if (this.pendingCr) this.buffer += "\n";
    this.pendingCr = false;
    this.consume(out, true);
    return out;
  }

  private consume(out: CsvRecord[], atEnd: boolean): void {
    const text = this.buffer;
    let pos = 0;
    let quote = text.indexOf('"');
    while (pos < text.length) {
      const nl = text.indexOf("\n", pos);
      if (nl === -1 && !atEnd) break;
      const stop = nl === -1 ? text.length : nl;
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote === -1 || quote > stop) {
        const end = stop > pos && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
        if (end > pos) out.push({ fields: text.slice(pos, end).split(","), line: this.line });
        this.line++;
        pos = stop + 1;
        continue;
      }
      const parsed = this.parseQuoted(text, pos, atEnd);
      if (!parsed) break;
      out.push({ fields: parsed.fields, line: this.line });
      this.line += parsed.lines;
      pos = parsed.next;
    }
    this.buffer = pos >= text.length ? "" : text.slice(pos);
  }

  /**
   * The general path for a record with quotes, slicing runs of text rather than copying
   * characters; null when the record is not complete in the buffer yet.
   */
  private parseQuoted(
    text: string,
    start: number,
    atEnd: boolean,
  ): { fields: string[]; next: number; lines: number } | null {
    const fields: string[] = [];
    let lines = 1;
    let i = start;
    // End of the current line, found once per record (per field it made long lines quadratic);
    // searched again only after a quoted value that held a line break.
    let nl = this.lineEnd(text, i, atEnd);
    if (nl === -1) return null;
    while (true) {
      let value = "";
      if (text.charCodeAt(i) === 34) {
        let j = i + 1;
        while (true) {
          const q = text.indexOf('"', j);
          if (q === -1 || (q + 1 === text.length && !atEnd)) {
            if (!atEnd) return null;
            throw new CsvSyntaxError(`unterminated quoted field starting on line ${this.line}`);
          }
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(j, q + 1);
            j = q + 2;
          } else {
            value += text.slice(j, q);
            i = q + 1;
            break;
          }
        }
        if (i > nl) {
          for (let k = value.indexOf("\n"); k !== -1; k = value.indexOf("\n", k + 1)) lines++;
          nl = this.lineEnd(text, i, atEnd);
          if (nl === -1) return null;
        }
      }
      // An unquoted field, or stray text after a closing quote (kept, leniently), runs to , or end of line.
      let comma = text.indexOf(",", i);
      if (comma > nl) comma = -1;
      const stop = comma === -1 ? nl : comma;
      value += text.slice(i, stop);
      if (comma !== -1) {
        fields.push(value);
        i = comma + 1;
        continue;
      }
      fields.push(value.endsWith("\r") ? value.slice(0, -1) : value);
      return { fields, next: nl + 1, lines };
    }
  }

  /** The next LF at or after `from`; the end of the text at the end of input; -1 while more may come. */
  private lineEnd(text: string, from: number, atEnd: boolean): number {
    const nl = text.indexOf("\n", from);
    return nl !== -1 ? nl : atEnd ? text.length : -1;
  }
}

export class CsvSyntaxError extends Error {}
