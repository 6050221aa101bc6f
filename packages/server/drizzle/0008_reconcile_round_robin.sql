-- The reconcile sweep asks about pending trades round-robin: when each was last asked.
ALTER TABLE "payments" ADD COLUMN "reconciled_at" timestamp with time zone;