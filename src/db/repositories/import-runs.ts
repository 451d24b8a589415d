import type { Database } from "../database.ts";

export const ImportRunStatus = { Running: "running", Done: "done", Refused: "refused", Failed: "failed" } as const;
export type ImportRunStatus = (typeof ImportRunStatus)[keyof typeof ImportRunStatus];

/** Records the start of an import; returns its id. */
export async function startImportRun(db: Database, source: string): Promise<number> {
  const run = await db.prisma().importRun.create({
    data: { source, startedAt: new Date(), status: ImportRunStatus.Running },
  });
  return run.id;
}

/** Records how an import ended, with its per-file summary. */
export async function finishImportRun(db: Database, id: number, status: ImportRunStatus, summary: unknown): Promise<void> {
  await db.prisma().importRun.update({
    where: { id },
    data: { finishedAt: new Date(), status, summary: JSON.stringify(summary) },
  });
}

/** The latest imports, newest first. */
export async function listImportRuns(db: Database, take = 20) {
  return db.prisma().importRun.findMany({ orderBy: { id: "desc" }, take });
}
