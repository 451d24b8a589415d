import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";

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

/**
 * Checks a whole file before anything is imported: it must be UTF-8 text, not binary.
 * Returns a reason when it is not; reads at disk speed (no decoding).
 */
export async function findEncodingProblem(path: string): Promise<string | null> {
  let carry = Buffer.alloc(0);
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeLength(data);
    const body = data.subarray(0, cut);
    const nul = body.indexOf(0);
    if (nul !== -1) return `it is binary, not CSV text (a NUL byte at byte ${offset + nul})`;
    if (!isUtf8(body)) return `it is not UTF-8 text (invalid bytes near byte ${offset}); re-save it as UTF-8`;
    offset += cut;
    carry = Buffer.from(data.subarray(cut));
  }
  return carry.length && !isUtf8(carry) ? `it is not UTF-8 text (truncated character at the end)` : null;
}
