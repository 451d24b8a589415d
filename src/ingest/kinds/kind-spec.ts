import type { ImportKind, KindContract } from "../contract.ts";
import { Problem, type Parsed } from "../parse-field.ts";

/** Why one field of one record was rejected. */
export interface RowProblem {
  column: string;
  reason: string;
}

/** References a record may point at, resolved to internal ids. */
export interface Lookups {
  customerId(externalId: string): number | undefined;
  agentId(externalId: string): number | undefined;
  /** Tickets are looked up per batch (see prefetchTickets in the import). */
  ticket(externalId: string): { id: number; customerId: number } | undefined;
}

/** How one kind of record is validated into a row ready for the database. */
export interface KindSpec<Row> {
  kind: ImportKind;
  contract: KindContract;
  validate(raw: Record<string, unknown>, lookups: Lookups): Row | RowProblem[];
}

/** Collects the problems of one record while its fields are parsed. */
export class RowChecker {
  /** Allocated on the first problem only: most rows have none (a hot path in big imports). */
  problems: RowProblem[] | null = null;

  take<T>(column: string, parsed: Parsed<T>): T {
    if (parsed instanceof Problem) {
      this.fail(column, parsed.reason);
      return null as T;
    }
    return parsed;
  }

  fail(column: string, reason: string): void {
    this.problems ??= [];
    this.problems.push({ column, reason });
  }

  /** A reference to another record; unknown ids are a problem, blank is allowed unless required. */
  ref(column: string, raw: string | null, resolve: (id: string) => number | undefined, what: string): number | null {
    if (raw === null) return null;
    const id = resolve(raw);
    if (id === undefined) this.fail(column, `unknown ${column}: no ${what} "${raw}" (import ${what}s first)`);
    return id ?? null;
  }

  /** The row, or the problems found. */
  result<Row>(row: Row): Row | RowProblem[] {
    return this.problems ?? row;
  }
}

export function isRowProblems<Row>(value: Row | RowProblem[]): value is RowProblem[] {
  return Array.isArray(value);
}
