CREATE TABLE "commission_queue" (
	"earner_user_id" bigint NOT NULL,
	"commission_id" bigint NOT NULL,
	"held" boolean NOT NULL,
	"due_at" timestamp with time zone,
	CONSTRAINT "commission_queue_earner_user_id_commission_id_pk" PRIMARY KEY("earner_user_id","commission_id")
);
--> statement-breakpoint
DROP INDEX "commissions_due_idx";--> statement-breakpoint
DROP INDEX "commissions_held_idx";--> statement-breakpoint
CREATE INDEX "commission_queue_due_idx" ON "commission_queue" USING btree ("due_at","commission_id") WHERE not "commission_queue"."held" and "commission_queue"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "commission_queue_held_idx" ON "commission_queue" USING btree ("commission_id") WHERE "commission_queue"."held";--> statement-breakpoint
-- The queue follows the commissions: a statement's new frozen/held rows join it (one call per statement, from
-- its transition table), and a later move or new release date updates or removes the row. The release
-- sweep's own frozen → settled move is left out (WHEN): the sweep deletes its queue rows itself, set-based,
-- so a million settled rows call no function.
CREATE FUNCTION commission_queue_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commission_queue (earner_user_id, commission_id, held, due_at)
  SELECT earner_user_id, id, status = 'held', due_at FROM new_commissions WHERE status IN ('frozen', 'held');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER commissions_queue_insert AFTER INSERT ON commissions
  REFERENCING NEW TABLE AS new_commissions FOR EACH STATEMENT EXECUTE FUNCTION commission_queue_add();
--> statement-breakpoint
CREATE FUNCTION commission_queue_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('frozen', 'held') THEN
    INSERT INTO commission_queue (earner_user_id, commission_id, held, due_at)
    VALUES (NEW.earner_user_id, NEW.id, NEW.status = 'held', NEW.due_at)
    ON CONFLICT (earner_user_id, commission_id) DO UPDATE SET held = excluded.held, due_at = excluded.due_at;
  ELSE
    DELETE FROM commission_queue WHERE earner_user_id = OLD.earner_user_id AND commission_id = OLD.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER commissions_queue_move AFTER UPDATE OF status, due_at ON commissions
  FOR EACH ROW WHEN (NEW.status <> 'settled'
    AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_at IS DISTINCT FROM NEW.due_at))
  EXECUTE FUNCTION commission_queue_move();
--> statement-breakpoint
INSERT INTO commission_queue (earner_user_id, commission_id, held, due_at)
SELECT earner_user_id, id, status = 'held', due_at FROM commissions WHERE status IN ('frozen', 'held');
--> statement-breakpoint
-- Room on each page for the sweep's move to stay on it: a batch settles every row of the pages it takes (the
-- new version of a row is as wide as the old), so half a page is kept free. Applies to pages written from now.
ALTER TABLE commissions SET (fillfactor = 50);
--> statement-breakpoint
-- The same for ledger accounts (85 since 0024): a sweep moves two balances per earner, every row of the pages
-- it touches, and their balance is in no index, so with room each move stays on its page.
ALTER TABLE ledger_accounts SET (fillfactor = 50);
