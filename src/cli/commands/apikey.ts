import type { Command } from "commander";
import { ROLES } from "../../auth/roles.ts";

const apiKeys = () => import("../../auth/index.ts"); // loaded on use: `--help` stays fast
import { AppError, ErrorCode } from "../../errors.ts";
import { Cells, formatTable } from "../format-table.ts";
import { printJson, runCommand, withDatabase } from "../run-command.ts";

/** `retain apikey create|list|revoke`. */
export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command("apikey").description("API keys for the HTTP API and dashboard (stored hashed)");
  apikey
    .command("create")
    .description("create a key; it is printed once, keep it safe")
    .requiredOption("--role <role>", `what the key may do: ${ROLES.join("|")}`)
    .option("--name <name>", "a label for the key (who or what uses it)")
    .option("--json", "print the key as JSON")
    .action((opts: { role: string; name?: string; json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { createApiKey } = await apiKeys();
          const created = await createApiKey(db, opts);
          if (opts.json)
            printJson({ key: created.key, prefix: created.prefix, role: created.role, name: created.name });
          else
            console.log(
              `${created.key}\n(role ${created.role}, prefix ${created.prefix}; this is the only time the key is shown)`,
            );
        }),
      ),
    );
  apikey
    .command("list")
    .description("list keys (prefix, role, name, last use; never the secret)")
    .option("--json", "print as JSON")
    .action((opts: { json?: boolean }) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { listApiKeys } = await apiKeys();
          const keys = await listApiKeys(db);
          if (opts.json) printJson(keys);
          else {
            console.log(
              formatTable(keys, [
                { header: "prefix", value: (k) => k.prefix },
                { header: "role", value: (k) => k.role },
                { header: "name", value: (k) => k.name },
                { header: "created", value: (k) => k.createdAt, format: Cells.dateTime },
                { header: "last used", value: (k) => k.lastUsedAt, format: Cells.dateTime },
                { header: "revoked", value: (k) => k.revokedAt, format: Cells.dateTime },
              ]),
            );
          }
        }),
      ),
    );
  apikey
    .command("revoke")
    .description("revoke a key by its prefix; it stops working at once")
    .argument("<prefix>", "the 8-character prefix shown by `retain apikey list`")
    .action((prefix: string) =>
      runCommand(() =>
        withDatabase(async (db) => {
          const { revokeApiKey } = await apiKeys();
          if (!(await revokeApiKey(db, prefix)))
            throw new AppError(ErrorCode.NotFound, `no active key with prefix "${prefix}"`);
          console.log(`revoked ${prefix}`);
        }),
      ),
    );
}
