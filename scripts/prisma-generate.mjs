// Derives the PostgreSQL schema from prisma/schema.prisma and generates both clients.
// Runs on `npm install` (postinstall); offline, thanks to the JS engine in prisma.config.ts.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { derivePostgresSchema } from "./postgres-schema.mjs";

mkdirSync("prisma/postgres", { recursive: true });
writeFileSync("prisma/postgres/schema.prisma", derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8")));
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], {
    stdio: "pipe",
  });
}
console.log("retain: generated Prisma clients for SQLite and PostgreSQL");
