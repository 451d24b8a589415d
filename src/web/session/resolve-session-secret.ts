import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The key that signs dashboard sessions: `configured` when given, else one generated on first
 * use and kept in `<dataDir>/session.secret` (mode 600), so sessions survive a restart.
 * Several servers behind one address must share the configured value instead.
 */
export function resolveSessionSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const path = join(dataDir, "session.secret");
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(path, "utf8").trim();
  }
}
