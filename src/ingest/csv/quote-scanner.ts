const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const START = -1;

/**
 * Follows the quoting of a CSV file's bytes, chunk by chunk, exactly as CsvParser reads it: a
 * quote opens a quoted field only at the start of a field (after a comma, a line break or the
 * BOM); inside, `""` is a literal quote and a lone `"` closes it; any other quote is text. Lets
 * the pre-read refuse an unterminated quoted field before a batch is committed (the parser only
 * finds out at the end of the file). It jumps from quote to quote with Buffer.indexOf, so a file
 * without quotes costs one search per chunk. UTF-8 multi-byte characters never hold these bytes.
 */
export class QuoteScanner {
  private inside = false;
  /** Inside a quoted field, the last chunk ended on a quote: a closing one, or half of `""`. */
  private quoteAtEnd = false;
  /** The byte before the next chunk (START at the beginning of the file). */
  private previous = START;
  private offset = 0;
  private openedAt = -1;

  /** Scans the next chunk of the file. */
  push(chunk: Buffer): void {
    let i = 0;
    if (this.quoteAtEnd && chunk.length) {
      this.quoteAtEnd = false;
      if (chunk[0] === QUOTE) i = 1;
      else this.inside = false;
    }
    // After a BOM at the start of the file, the first field starts (the decoder drops the BOM).
    const fileStart = this.offset === 0 ? (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0) : -1;
    while (i < chunk.length) {
      const q = chunk.indexOf(QUOTE, i);
      if (q === -1) break;
      i = q + 1;
      if (this.inside) {
        if (q + 1 === chunk.length) this.quoteAtEnd = true;
        else if (chunk[q + 1] === QUOTE) i = q + 2;
        else this.inside = false;
        continue;
      }
      const before = q === fileStart ? START : q > 0 ? chunk[q - 1] : this.previous;
      if (before === START || before === COMMA || before === LF || before === CR) {
        this.inside = true;
        this.openedAt = this.offset + q;
      }
    }
    if (chunk.length) this.previous = chunk[chunk.length - 1];
    this.offset += chunk.length;
  }

  /** At the end of the file: the byte offset of the quote that opened a field never closed, or -1. */
  end(): number {
    if (this.quoteAtEnd) this.inside = false;
    this.quoteAtEnd = false;
    return this.inside ? this.openedAt : -1;
  }
}
