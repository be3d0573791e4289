-- Per-(agent_model, tier) sums and counts of a runs table, the input of
-- `npm run build -- --aggregates PATH`. Standard SQL: it runs as written in DuckDB, Spark SQL,
-- Trino, BigQuery, PostgreSQL and others, wherever the runs are kept. Save its result as CSV
-- with a header row.
--
-- runs:         runs in the group
-- X_sum:        sum of column X over the runs that have a value there
-- X_count:      number of runs with a value in column X (an empty cell, NULL, is not counted)
--
-- Sums and counts of several results add up exactly, so the work can be split by experiment,
-- by day or by file, and the results given together (--aggregates a.csv --aggregates b.csv).
SELECT
  agent_model,
  tier,
  COUNT(*) AS runs,
  SUM(input_tokens) AS input_tokens_sum,
  COUNT(input_tokens) AS input_tokens_count,
  SUM(cache_read_tokens) AS cache_read_tokens_sum,
  COUNT(cache_read_tokens) AS cache_read_tokens_count,
  SUM(output_tokens) AS output_tokens_sum,
  COUNT(output_tokens) AS output_tokens_count,
  SUM(cache_creation_tokens) AS cache_creation_tokens_sum,
  COUNT(cache_creation_tokens) AS cache_creation_tokens_count
FROM runs
GROUP BY agent_model, tier
ORDER BY agent_model, tier
