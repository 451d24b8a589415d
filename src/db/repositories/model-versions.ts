import { AppError, ErrorCode } from "../../errors.ts";
import type { Database } from "../database.ts";

export const ModelStatus = { Candidate: "candidate", Active: "active", Retired: "retired" } as const;
export type ModelStatus = (typeof ModelStatus)[keyof typeof ModelStatus];

/** What a model event records: an activation, or a decision that kept the active model (refused, retraining failed). */
export const ModelAction = {
  Promote: "promote",
  Rollback: "rollback",
  Refused: "refused",
  RetrainingFailed: "retraining_failed",
} as const;

/** A promotion, rollback or decision as model_events keeps it. */
export interface ModelEventRecord {
  id: number;
  version: string;
  action: string;
  previous: string | null;
  reason: string | null;
  at: Date;
  actor: string | null;
  /** JSON written by the registry (the comparison a decision rested on); null for older events. */
  figures: string | null;
}

export interface ModelVersionRecord {
  version: string;
  kind: string;
  status: string;
  source: string;
  createdAt: Date;
  promotedAt: Date | null;
  threshold: number;
  /** As saved: written by writeRegistryMetrics, read by readRegistryMetrics (src/model/registry). */
  metrics: string;
  /** As saved: written by writeRegistryTraining, read by readRegistryTraining (src/model/registry). */
  training: string;
  dir: string;
}

const FIELDS = {
  version: true,
  kind: true,
  status: true,
  source: true,
  createdAt: true,
  promotedAt: true,
  threshold: true,
  metrics: true,
  training: true,
  dir: true,
} as const;

export async function insertModelVersion(
  db: Database,
  record: Omit<ModelVersionRecord, "status" | "promotedAt">,
): Promise<void> {
  await db.prisma().modelVersion.create({ data: { ...record, status: ModelStatus.Candidate } });
}

export async function findModelVersion(db: Database, version: string): Promise<ModelVersionRecord | null> {
  return db.prisma().modelVersion.findUnique({ where: { version }, select: FIELDS });
}

export async function findActiveModelVersion(db: Database): Promise<ModelVersionRecord | null> {
  return db.prisma().modelVersion.findFirst({ where: { status: ModelStatus.Active }, select: FIELDS });
}

export async function listModelVersions(db: Database): Promise<ModelVersionRecord[]> {
  return db.prisma().modelVersion.findMany({ orderBy: { createdAt: "desc" }, select: FIELDS });
}

export async function updateModelMetrics(db: Database, version: string, metrics: string): Promise<void> {
  await db.prisma().modelVersion.update({ where: { version }, data: { metrics } });
}

/** Promotions, rollbacks and decisions, newest first. */
export async function listModelEvents(db: Database, take = 50): Promise<ModelEventRecord[]> {
  return db.prisma().modelEvent.findMany({ orderBy: { id: "desc" }, take });
}

/** Records a decision that changes no status (a refused promotion, a failed retraining). */
export async function recordModelEvent(
  db: Database,
  event: {
    version: string;
    action: string;
    previous?: string | null;
    reason: string;
    actor?: string;
    figures?: string;
  },
): Promise<void> {
  await db.prisma().modelEvent.create({
    data: {
      version: event.version,
      action: event.action,
      previous: event.previous ?? null,
      reason: event.reason,
      actor: event.actor ?? null,
      figures: event.figures ?? null,
      at: new Date(),
    },
  });
}

/**
 * Makes `version` the active model in one transaction: the active one retires, an event
 * records the change and what was active before (what a rollback returns to).
 */
export async function activateModelVersion(
  db: Database,
  options: { version: string; action: string; reason?: string; actor?: string; figures?: string },
): Promise<{ previous: string | null }> {
  return db.prisma().$transaction(async (tx) => {
    const target = await tx.modelVersion.findUnique({ where: { version: options.version } });
    if (!target)
      throw new AppError(ErrorCode.NotFound, `no model version "${options.version}" (see \`retain models list\`)`);
    const current = await tx.modelVersion.findFirst({ where: { status: ModelStatus.Active } });
    if (current?.version === options.version)
      throw new AppError(ErrorCode.Conflict, `model ${options.version} is already active`);
    if (current) await tx.modelVersion.update({ where: { id: current.id }, data: { status: ModelStatus.Retired } });
    const now = new Date();
    await tx.modelVersion.update({ where: { id: target.id }, data: { status: ModelStatus.Active, promotedAt: now } });
    await tx.modelEvent.create({
      data: {
        version: options.version,
        action: options.action,
        previous: current?.version ?? null,
        reason: options.reason ?? null,
        actor: options.actor ?? null,
        figures: options.figures ?? null,
        at: now,
      },
    });
    return { previous: current?.version ?? null };
  });
}
