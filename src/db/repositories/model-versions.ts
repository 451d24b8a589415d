import { AppError, ErrorCode } from "../../errors.ts";
import type { Database } from "../database.ts";

export const ModelStatus = { Candidate: "candidate", Active: "active", Retired: "retired" } as const;
export type ModelStatus = (typeof ModelStatus)[keyof typeof ModelStatus];

export const ModelAction = { Promote: "promote", Rollback: "rollback" } as const;

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

/** Promotions and rollbacks, newest first. */
export async function listModelEvents(db: Database, take = 50) {
  return db.prisma().modelEvent.findMany({ orderBy: { id: "desc" }, take });
}

/**
 * Makes `version` the active model in one transaction: the active one retires, an event
 * records the change and what was active before (what a rollback returns to).
 */
export async function activateModelVersion(
  db: Database,
  options: { version: string; action: string; reason?: string },
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
        at: now,
      },
    });
    return { previous: current?.version ?? null };
  });
}
