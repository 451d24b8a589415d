import type { Command } from "commander";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

/** `retain db migrate|status`: apply or list the versioned migrations (SQLite or PostgreSQL). */
export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("database schema: apply and inspect migrations");
  db.command("migrate")
    .description("apply pending migrations to the configured database (DATABASE_URL, default data/retain.db)")
    .option("--json", "print the result as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(
          async (database, config) => {
            const { applyMigrations } = await import("../../db/index.ts");
            const applied = await applyMigrations(database.sql);
            if (opts.json) printJson({ dialect: config.dialect, applied });
            else
              console.log(
                applied.length
                  ? `applied ${applied.length} migration(s) on ${config.dialect}: ${applied.join(", ")}`
                  : `${config.dialect} database is up to date`,
              );
          },
          { migrated: false },
        ),
      ),
    );
  db.command("status")
    .description("list applied and pending migrations")
    .option("--json", "print the result as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(
          async (database) => {
            const { migrationStatus } = await import("../../db/index.ts");
            const status = await migrationStatus(database.sql);
            if (opts.json) printJson(status);
            else {
              for (const name of status.applied) console.log(`applied  ${name}`);
              for (const name of status.pending) console.log(`pending  ${name}`);
            }
            return status.pending.length ? 1 : 0;
          },
          { migrated: false },
        ),
      ),
    );
}
