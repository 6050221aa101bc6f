-- ledger_entries' references to its transaction and account, checked once per INSERT statement from the
-- statement's own rows instead of by two foreign keys, each a query per entry row (a plan run with a row lock
-- on the referenced row): at 1,000,000 commissions the release sweep writes ~920,000 entries and the per-row
-- checks were a third of its database CPU (58 → 39 s in the same clone). As strict as the keys: every INSERT
-- runs the check before the statement ends, entries cannot be updated or deleted (0003), transactions cannot
-- either (0003), and accounts now cannot be deleted or given another id, so a row that pointed at something
-- when written always does.
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_transaction_id_ledger_transactions_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  missing bigint;
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
  SELECT n.id INTO missing FROM (SELECT DISTINCT transaction_id AS id FROM new_entries) n
  WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.id = n.id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger entries name transaction %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_transaction_ref';
  END IF;
  SELECT n.id INTO missing FROM (SELECT DISTINCT account_id AS id FROM new_entries) n
  WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = n.id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger entries name account %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_account_ref';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An account is kept for good, under the id its entries name (ledger_refuse_change: 0003).
CREATE TRIGGER ledger_accounts_keep BEFORE DELETE OR UPDATE OF id ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
