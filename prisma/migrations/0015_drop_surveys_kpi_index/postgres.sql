-- The KPIs read a period's survey answers by one scan of the table (about 0.1 s for 500k answers): this
-- index saved little there and doubled the cost of importing surveys.
-- DropIndex
DROP INDEX "surveys_kpi_idx";
