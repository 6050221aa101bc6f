-- Every earner's frozen commissions in one shop-wide control account, `commission_frozen`: what one earner has
-- frozen is derived from their open commission rows (frozen or held, less clawbacks), which move in the same
-- transactions as the account, and the ledger audit checks that the account equals their sum. A commission's
-- creation, reversal, cancellation and release then post one line on the shared account instead of one on a
-- per-earner account: the release sweep writes one line per earner plus one per batch (was two per earner)
-- and moves one balance row per earner (was two), the per-earner frozen accounts' pages are never read again.
-- Here the balances of the old per-earner accounts (`commission_frozen:u:<id>`, row plus slot rows) move into
-- the shared one, as one balanced ledger transaction; the old accounts keep their history and a zero balance.
INSERT INTO ledger_accounts (code) VALUES ('commission_frozen') ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
WITH legacy AS MATERIALIZED (
  SELECT a.id, a.balance_fen + coalesce((SELECT sum(s.balance_fen) FROM ledger_balance_slots s
                                         WHERE s.account_id = a.id), 0) AS fen
  FROM ledger_accounts a WHERE a.code LIKE 'commission\_frozen:u:%'),
moving AS MATERIALIZED (SELECT id, fen FROM legacy WHERE fen <> 0),
posted AS (
  INSERT INTO ledger_transactions (idempotency_key, kind, meta, created_at)
  SELECT 'migrate:0049:commission_frozen', 'commission_frozen_merged',
         jsonb_build_object('accounts', count(*)), now()
  FROM moving HAVING count(*) > 0
  RETURNING id),
shared AS (SELECT id FROM ledger_accounts WHERE code = 'commission_frozen'),
line AS MATERIALIZED (
  SELECT id AS account_id, -fen AS fen FROM moving
  UNION ALL SELECT (SELECT id FROM shared), sum(fen) FROM moving HAVING count(*) > 0),
emptied AS (
  UPDATE ledger_accounts a SET balance_fen = a.balance_fen + line.fen FROM line WHERE a.id = line.account_id
  RETURNING a.id)
INSERT INTO ledger_entries (transaction_id, account_id, amount_fen)
SELECT posted.id, line.account_id, line.fen FROM posted, line ORDER BY line.account_id;
