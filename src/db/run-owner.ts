import { hostname } from "node:os";

/** This process as the owner of a run (job_runs, risk_runs, import_runs): `host:pid`. */
export const INSTANCE_ID = `${hostname()}:${process.pid}`;

/** A run whose owner sent no heartbeat for this long is abandoned, wherever the owner runs (10 min). */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/** How often an owner says it is alive: well inside ABANDONED_AFTER_MS, even on a busy machine (30 s). */
export const HEARTBEAT_MS = 30_000;

/**
 * True when the owner is a process of this host that no longer exists. Another host's
 * processes cannot be seen from here: for those only the heartbeat tells (a recycled pid
 * reads as alive, and the heartbeat decides then too).
 */
export function isOwnerGone(instance: string | null): boolean {
  if (!instance) return false;
  const at = instance.lastIndexOf(":");
  const pid = Number(instance.slice(at + 1));
  if (at < 0 || instance.slice(0, at) !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH"; // EPERM: alive, under another user
  }
}

/** Why an unfinished run counts as abandoned, or null while its owner may still be working on it. */
export function abandonedReason(
  run: { instance: string | null; heartbeatAt: Date },
  options: { now: Date; staleAfterMs: number },
): string | null {
  const owner = run.instance ?? "an unknown process";
  if (isOwnerGone(run.instance))
    return `abandoned: its owner ${owner} is gone (last heartbeat ${run.heartbeatAt.toISOString()})`;
  const silentMs = options.now.getTime() - run.heartbeatAt.getTime();
  if (silentMs > options.staleAfterMs) {
    return (
      `abandoned: no heartbeat from ${owner} for ${Math.round(silentMs / 1000)} s ` +
      `(limit ${Math.round(options.staleAfterMs / 1000)} s)`
    );
  }
  return null;
}
