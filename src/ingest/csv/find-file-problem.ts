import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { QuoteScanner } from "./quote-scanner.ts";

const LF = 0x0a;
const CR = 0x0d;

/** Where the last complete UTF-8 character of a chunk ends (a split character waits for the next chunk). */
function completeLength(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** The line of a byte offset as CsvParser numbers lines (LF, CRLF and a lone CR each end one); read only when a file is refused. */
async function lineAt(path: string, offset: number): Promise<number> {
  let lines = 1;
  let crAtEnd = false;
  if (offset === 0) return lines;
  for await (const chunk of createReadStream(path, {
    end: offset - 1,
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    if (crAtEnd && chunk[0] !== LF) lines++;
    crAtEnd = false;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) lines++;
    for (let i = chunk.indexOf(CR); i !== -1; i = chunk.indexOf(CR, i + 1)) {
      if (i + 1 === chunk.length) crAtEnd = true;
      else if (chunk[i + 1] !== LF) lines++;
    }
  }
  return crAtEnd ? lines + 1 : lines;
}

/**
 * Checks a whole file before anything is imported: it must be UTF-8 text, not binary, and every
 * quoted field must close (an unterminated one only shows at the end of the file, after batches
 * were committed). One read at disk speed (no decoding); returns a reason when the file is refused.
 */
export async function findFileProblem(path: string): Promise<string | null> {
  let carry = Buffer.alloc(0);
  let offset = 0;
  const quotes = new QuoteScanner();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeLength(data);
    const body = data.subarray(0, cut);
    const nul = body.indexOf(0);
    if (nul !== -1) return `it is binary, not CSV text (a NUL byte at byte ${offset + nul})`;
    if (!isUtf8(body)) return `it is not UTF-8 text (invalid bytes near byte ${offset}); re-save it as UTF-8`;
    quotes.push(body);
    offset += cut;
    carry = Buffer.from(data.subarray(cut));
  }
  if (carry.length && !isUtf8(carry)) return `it is not UTF-8 text (truncated character at the end)`;
  const opened = quotes.end();
  if (opened === -1) return null;
  return (
    `unterminated quoted field: expected a closing quote for the field opened on ` +
    `line ${await lineAt(path, opened)}, found the end of the file`
  );
}
