export { CONTRACTS, IMPORT_ORDER, isImportKind, type ImportKind } from "./contract.ts";
export { findImportFiles, importFiles, type ImportSummary } from "./import-directory.ts";
export type { FileSummary, ImportProgress } from "./import-file.ts";
export { ingestRecords, type IngestResult } from "./ingest-records.ts";
export { listImports } from "./list-imports.ts";
