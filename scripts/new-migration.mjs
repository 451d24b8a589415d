// Writes the next versioned migration for both databases from the schema change since
// the last migration: `node scripts/new-migration.mjs add_risk_runs`.
// Each migration folder keeps the schema it ends at (schema.prisma), the next diff's base.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, copyFileSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { derivePostgresSchema } from "./postgres-schema.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/new-migration.mjs NAME   (NAME: lower_snake_case)");
  process.exit(2);
}
execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
const root = "prisma/migrations";
const previous = existsSync(root)
  ? readdirSync(root)
      .filter((d) => /^\d{4}_/.test(d))
      .sort()
  : [];
const number = String(previous.length + 1).padStart(4, "0");
const dir = join(root, `${number}_${name}`);
mkdirSync(dir, { recursive: true });
const base = previous.length ? join(root, previous.at(-1), "schema.prisma") : null;

for (const [dialect, schema] of [
  ["sqlite", "prisma/schema.prisma"],
  ["postgres", "prisma/postgres/schema.prisma"],
]) {
  const from = base ? ["--from-schema-datamodel", derive(base, dialect, dir)] : ["--from-empty"];
  const sql = execFileSync(
    process.execPath,
    ["node_modules/prisma/build/index.js", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  writeFileSync(join(dir, `${dialect}.sql`), sql.slice(sql.indexOf("--")));
}
copyFileSync("prisma/schema.prisma", join(dir, "schema.prisma"));
rmSync(join(dir, ".base.postgres.prisma"), { force: true });
console.log(`wrote ${dir}/{sqlite,postgres}.sql — review them, then run: npx retain db migrate`);

function derive(baseSchema, dialect, dir) {
  if (dialect === "sqlite") return baseSchema;
  const out = join(dir, ".base.postgres.prisma");
  writeFileSync(out, derivePostgresSchema(readFileSync(baseSchema, "utf8")));
  return out;
}
