import { resolveLocalSecret } from "../local-secret.ts";

/**
 * The key that signs dashboard sessions: `configured` (RETAIN_SESSION_SECRET) when given, else
 * one kept in `<dataDir>/session.secret`, so sessions survive a restart.
 */
export function resolveSessionSecret(dataDir: string, configured?: string): string {
  return resolveLocalSecret({ dataDir, file: "session.secret", configured });
}
