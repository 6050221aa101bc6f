-- ledger_entries' reference checks (0047) probe the primary keys for exactly the ids a statement names. Written
-- as NOT EXISTS, the planner was free to hash-join the whole referenced table instead: with the accounts'
-- statistics behind their growth (a release sweep creates tens of thousands per batch) every batch of the
-- sweep at 1,000,000 commissions read all ~400,000 accounts and spilled the hash to disk (~270 ms of a
-- ~800 ms batch), and a checkout's posting could do the same. `id = ANY(array)` is an index lookup per id
-- whatever the statistics say, so the check costs what the statement wrote, not what the ledger holds.
CREATE OR REPLACE FUNCTION ledger_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  wanted bigint[];
  existing bigint;
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
  wanted := ARRAY(SELECT DISTINCT transaction_id FROM new_entries);
  SELECT count(*) INTO existing FROM ledger_transactions WHERE id = ANY(wanted);
  IF existing <> cardinality(wanted) THEN
    RAISE EXCEPTION 'ledger entries name a transaction that does not exist (of %)', wanted
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_transaction_ref';
  END IF;
  wanted := ARRAY(SELECT DISTINCT account_id FROM new_entries);
  SELECT count(*) INTO existing FROM ledger_accounts WHERE id = ANY(wanted);
  IF existing <> cardinality(wanted) THEN
    RAISE EXCEPTION 'ledger entries name an account that does not exist (% named, % exist)',
      cardinality(wanted), existing
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_account_ref';
  END IF;
  RETURN NULL;
END
$$;
