import { AppError, ErrorCode } from "../errors.ts";

/** What a list cursor carries: run, sort and order it belongs to, and the last row's sort value and id. */
interface Cursor {
  r: number;
  s: string;
  o: string;
  v: number | string;
  id: number;
}

/** The opaque `nextCursor` of a page. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** The keyset position of a cursor, refused when it is not one of this list (run, sort and order). */
export function decodeCursor(
  text: string,
  expected: { runId: number; sort: string; order: string },
): { value: number | string; id: number } {
  let c: Partial<Cursor> = {};
  try {
    c = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    /* reported below */
  }
  if ((typeof c.v !== "number" && typeof c.v !== "string") || typeof c.id !== "number")
    throw new AppError(
      ErrorCode.BadInput,
      `query parameter "cursor": expected the nextCursor of a previous page, found "${text}"`,
    );
  if (c.r !== expected.runId || c.s !== expected.sort || c.o !== expected.order) {
    throw new AppError(
      ErrorCode.BadInput,
      `query parameter "cursor": expected a cursor of this list (run ${expected.runId}, sort ` +
        `${expected.sort} ${expected.order}), found one of run ${c.r}, sort ${c.s} ${c.o}; start again ` +
        `without a cursor`,
    );
  }
  if ((expected.sort === "name") !== (typeof c.v === "string"))
    throw new AppError(
      ErrorCode.BadInput,
      `query parameter "cursor": expected the nextCursor of a previous page, found "${text}"`,
    );
  return { value: c.v, id: c.id };
}
