-- L1 per INSERT statement, from the statement's own rows. 0018 summed, for every transaction a statement
-- touched, all of that transaction's entries again: a release batch of 9,000 lines read them twice (43 of
-- 250 ms of the batch's posting). Summing the new rows alone is as strict: every INSERT into ledger_entries
-- runs this check and UPDATE/DELETE/TRUNCATE are refused (0003), so before the statement each transaction's
-- entries summed to zero (none at all sums to zero too), and after it they sum to what the statement added.
-- The count needs no read either: amounts are never zero (ledger_entries_amount_check), so new rows of one
-- transaction that sum to zero are at least two. ledger_transactions_balanced still runs at COMMIT over all of
-- a transaction's entries, so none may end with fewer than two; the audit recomputes everything.
CREATE OR REPLACE FUNCTION ledger_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT transaction_id AS id, count(*) AS n, sum(amount_fen) AS total INTO bad
  FROM new_entries
  GROUP BY transaction_id
  HAVING sum(amount_fen) <> 0
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced: its new entries (%) sum to %', bad.id, bad.n, bad.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Room on each page for a balance update to stay on it (a HOT update: no new index entries for the account's
-- id and code). The release sweep moves ~900,000 balances per 1,000,000 commissions, and balance columns are
-- in no index; fillfactor applies to pages written from now on.
ALTER TABLE ledger_accounts SET (fillfactor = 85);
