-- Released commissions that no earner's account holds yet: the release sweep moves what each batch settles
-- from the shop-wide `commission_frozen` to a shop-wide `commission_released` account (two ledger lines a
-- batch) and writes each earner's share as one narrow row here, in the same statement. Before, it upserted
-- every earner's `commission_available:u:<id>` row and wrote a ledger line for each: at 1,000,000 due those
-- were most of the sweep's writes. An earner's share is folded into their available account (rows deleted,
-- one posting) by the first thing that reads that balance under a limit — their withdrawal, a dividend
-- clawback — and balance screens add it; the ledger audit checks the account equals the rows' sum.
CREATE TABLE "commission_released_pending" (
	"earner_user_id" bigint NOT NULL,
	"transaction_id" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "commission_released_pending_earner_user_id_transaction_id_pk" PRIMARY KEY("earner_user_id","transaction_id"),
	CONSTRAINT "commission_released_pending_amount_check" CHECK ("commission_released_pending"."amount_fen" > 0)
);
--> statement-breakpoint
INSERT INTO ledger_accounts (code) VALUES ('commission_released') ON CONFLICT (code) DO NOTHING;
