import { z } from "zod";
import { AppError, type ErrorCode } from "./errors.ts";

/**
 * A JSON format Retain saves (a database column or a file of a model folder): the version its one
 * writer writes as `formatVersion`, and a reader for every version still readable.
 */
export interface SavedFormat<T> {
  /** What the value is, for messages: "model_versions.metrics", "metadata.json". */
  name: string;
  /** The version the writer writes today. */
  current: number;
  /** Readers by format version; each turns its saved shape into today's value. */
  versions: Readonly<Record<number, z.ZodType<T>>>;
  /** Reader of values saved before the format carried a version, when those can still be read. */
  unversioned?: z.ZodType<T>;
  /** What to do about a value that cannot be read ("retrain with `retain train`"). */
  remedy: string;
  /** The AppError code of a value that cannot be read. */
  code: ErrorCode;
}

/**
 * A measured number as JSON keeps it: JSON.stringify writes NaN and ±Infinity as null (an AUC on
 * one class, an empty calibration bin), so null reads back as NaN.
 */
export const savedNumber = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

const MAX_ISSUES = 3;

const describePath = (path: readonly PropertyKey[]) =>
  path.length
    ? path
        .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
        .join("")
        .replace(/^\./, "")
    : "(value)";

function describeIssues(error: z.ZodError): string {
  const issues = error.issues
    .slice(0, MAX_ISSUES)
    .map((i) => `${describePath(i.path)}: ${i.message.replace(/^Invalid input: /, "")}`);
  const more = error.issues.length > MAX_ISSUES ? `, and ${error.issues.length - MAX_ISSUES} more` : "";
  return `${issues.join("; ")}${more}`;
}

/**
 * The one way to read a saved JSON value: by its `formatVersion` (an older unversioned shape
 * when the format has a reader for it), or an AppError saying which format was expected, what
 * was found and what to do. `where` names the row or file ("of v3").
 */
export function readSavedJson<T>(format: SavedFormat<T>, text: string | null | undefined, where: string): T {
  const refuse = (found: string) =>
    new AppError(
      format.code,
      `${format.name} ${where}: expected format ${format.current}, found ${found}; ${format.remedy}`,
    );
  if (!text) throw refuse("nothing");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse(`text that is not JSON (${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)})`);
  }
  const version =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as { formatVersion?: unknown }).formatVersion
      : undefined;
  const schema =
    version === undefined
      ? format.unversioned
      : Number.isInteger(version)
        ? format.versions[version as number]
        : undefined;
  if (!schema)
    throw refuse(version === undefined ? "a value without a format version" : `format ${JSON.stringify(version)}`);
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw refuse(
      `${version === undefined ? "an unversioned value" : `format ${version}`} with ${describeIssues(parsed.error)}`,
    );
  return parsed.data;
}
