ALTER TABLE "orders" ADD COLUMN "wallet_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_wallet_check" CHECK ("orders"."wallet_fen" >= 0 and "orders"."wallet_fen" <= "orders"."payable_fen");
--> statement-breakpoint
-- A shopper's wallet (credit-normal: what we owe them is −balance_fen) is never overdrawn, whatever writes
-- it. A trigger rather than a CHECK: postings upsert accounts with their delta, and a CHECK would judge the
-- proposed insert row (the bare delta) before ON CONFLICT adds it to the balance.
CREATE FUNCTION ledger_wallet_not_overdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wallet % would be overdrawn (balance_fen %)', NEW.code, NEW.balance_fen
    USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_accounts_wallet_check';
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_wallet_check AFTER INSERT OR UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (NEW.code LIKE 'wallet:%' AND NEW.balance_fen > 0)
  EXECUTE FUNCTION ledger_wallet_not_overdrawn();
--> statement-breakpoint
-- Withdrawals to the shop balance paid before the wallet existed were posted to payout_clearing:wallet,
-- where nobody could spend them: each moves to its shopper's wallet once (key wd:<id>:to_wallet).
DO $$
DECLARE
  w record;
  tx_id bigint;
  clearing_id bigint;
  wallet_id bigint;
BEGIN
  FOR w IN SELECT id, user_id, net_fen FROM withdrawals
           WHERE method = 'wallet' AND status = 'paid' AND net_fen > 0 ORDER BY id LOOP
    INSERT INTO ledger_transactions (idempotency_key, kind, meta)
      VALUES ('wd:' || w.id || ':to_wallet', 'wallet_credit', jsonb_build_object('withdrawalId', w.id))
      ON CONFLICT (idempotency_key) DO NOTHING RETURNING id INTO tx_id;
    CONTINUE WHEN tx_id IS NULL;
    INSERT INTO ledger_accounts (code) VALUES ('payout_clearing:wallet'), ('wallet:u:' || w.user_id)
      ON CONFLICT (code) DO NOTHING;
    UPDATE ledger_accounts SET balance_fen = balance_fen + w.net_fen
      WHERE code = 'payout_clearing:wallet' RETURNING id INTO clearing_id;
    UPDATE ledger_accounts SET balance_fen = balance_fen - w.net_fen
      WHERE code = 'wallet:u:' || w.user_id RETURNING id INTO wallet_id;
    INSERT INTO ledger_entries (transaction_id, account_id, amount_fen)
      VALUES (tx_id, clearing_id, w.net_fen), (tx_id, wallet_id, -w.net_fen);
  END LOOP;
END
$$;
