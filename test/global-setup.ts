import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Starts a throwaway PostgreSQL server for the database tests when the Debian binaries are
 * installed and RETAIN_TEST_PG_URL is not already set; stops and deletes it afterwards.
 */
function findPgBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const bin = versions.map((v) => join(root, v, "bin")).find((b) => existsSync(join(b, "initdb")));
  return bin ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** initdb and postgres refuse to run as root: run them as the `postgres` user then. */
function asPostgres(cmd: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  if (isRoot) execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" });
  else execFileSync(cmd, args, { stdio: "pipe" });
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.RETAIN_TEST_PG_URL) return;
  const bin = findPgBin();
  if (!bin) {
    const hint = "PostgreSQL is not installed (apt-get install postgresql-15) and RETAIN_TEST_PG_URL is not set";
    if (process.env.CI) throw new Error(`${hint}: CI must run the database tests on PostgreSQL`);
    console.warn(`\n⚠ ${hint}: database tests run on SQLite only.\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "retain-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  asPostgres(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options =
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c ` +
    `full_page_writes=off -c max_connections=200`;
  asPostgres(join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "start"]);
  process.env.RETAIN_TEST_PG_URL = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return async () => {
    try {
      asPostgres(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
