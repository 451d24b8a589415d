import type { Config } from "../config.ts";
import type { Database } from "../db/index.ts";
import { ErrorCode, isAppError } from "../errors.ts";

/** Exit codes by error code; anything unknown is 1. Documented in the README. */
export const EXIT_CODES: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadInput]: 2,
  [ErrorCode.BadConfig]: 2,
  [ErrorCode.FileRefused]: 3,
  [ErrorCode.Database]: 4,
  [ErrorCode.NoActiveModel]: 5,
  [ErrorCode.NotFound]: 6,
  [ErrorCode.Conflict]: 7,
};

/** Runs a command body: prints an AppError as one clear line (no stack) and sets the exit code. */
// biome-ignore lint/suspicious/noConfusingVoidType: bodies that print and return nothing are \`async () => {}\`, a Promise<void>
export async function runCommand(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (error) {
    if (isAppError(error)) {
      process.stderr.write(`retain: ${error.message}\n`);
      process.exitCode = EXIT_CODES[error.code] ?? 1;
    } else {
      process.stderr.write(
        `retain: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}

/** Opens the configured database (checking its schema is current), runs fn, closes it. */
export async function withDatabase<T>(
  fn: (db: Database, config: Config) => Promise<T>,
  options: { migrated?: boolean } = {},
): Promise<T> {
  // Config (zod) and Prisma load on use: `--help` stays fast.
  const { loadConfig } = await import("../config.ts");
  const config = loadConfig();
  const { assertMigrated, openDatabase } = await import("../db/index.ts");
  const db = openDatabase(config);
  try {
    if (options.migrated !== false) await assertMigrated(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** Prints the last stdout line of a --json command. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
