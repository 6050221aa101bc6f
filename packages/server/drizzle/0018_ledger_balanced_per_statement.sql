-- L1 for entries, checked once per INSERT statement instead of once per entry row at COMMIT. The per-row
-- check summed every entry of the row's transaction, so a transaction of n entries cost n² row reads: a
-- release batch posting 10,000 commissions as one transaction took 30 s in the trigger alone. Every writer
-- inserts a transaction's entries in one statement, so checking each transaction the statement touched,
-- right after it, is as strict (an entry appended later to an old transaction is still summed with the
-- rest). ledger_transactions_balanced still runs at COMMIT once per transaction: none may end entry-less.
CREATE FUNCTION ledger_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT e.transaction_id AS id, count(*) AS n, sum(e.amount_fen) AS total INTO bad
  FROM ledger_entries e
  WHERE e.transaction_id IN (SELECT DISTINCT transaction_id FROM new_entries)
  GROUP BY e.transaction_id
  HAVING count(*) < 2 OR sum(e.amount_fen) <> 0
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced: % entries summing to %', bad.id, bad.n, bad.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER ledger_entries_balanced ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_balanced_statement();
