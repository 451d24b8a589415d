export { openCsv, type CsvBatch, type CsvFile } from "./read-csv.ts";
export { CsvParser, CsvSyntaxError, type CsvRecord } from "./csv-parser.ts";
