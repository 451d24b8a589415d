export { openCsv, type CsvBatch, type CsvFile } from "./read-csv.ts";
export type { CsvRecord } from "./csv-parser.ts";
