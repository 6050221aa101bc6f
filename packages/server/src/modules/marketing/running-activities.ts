// The activities checkout prices with, remembered per database for CACHE_MS so that a checkout costs at most
// one cheap query for them (none while the copy is fresh), like the settings cache. Saving or stopping an
// activity forgets this process's copy; other processes see the change within CACHE_MS. Activity stock here
// may be that old: it only decides whether a quote shows the activity price, and placing takes the stock
// with a guarded update that refuses what is not there.
import type { ActivityFacts } from "@liebian/domain";
import type { Executor } from "../../db/client.ts";
import { findRunningActivities, type RunningActivityRow } from "./activities-repo.ts";

const CACHE_MS = 2_000;
type Remembered = { untilMs: number; rows: RunningActivityRow[] };
const remembered = new WeakMap<object, Remembered>();
const databaseOf = (db: Executor): object => (db as unknown as { dialect: object }).dialect;

/** The activity as the pricing engine takes it. */
export function activityFacts(row: RunningActivityRow): ActivityFacts {
  return {
    id: String(row.id),
    kind: row.kind,
    label: row.name,
    startsAtMs: new Date(row.startsAt).getTime(),
    endsAtMs: new Date(row.endsAt).getTime(),
    args: row.args,
    ...(row.stock ? { stockLeftBySku: row.stock } : {}),
    ...(row.kind === "group_challenge" ? { participants: row.participants } : {}),
  };
}

/** Active, not-yet-ended activities; the engine decides by the window which of them act now. */
export async function loadRunningActivities(db: Executor, now: Date): Promise<RunningActivityRow[]> {
  const key = databaseOf(db);
  const hit = remembered.get(key);
  // The copy also serves a `now` inside its life only: an injected clock that jumps ahead reloads.
  if (hit && Date.now() < hit.untilMs && hit.rows.every((r) => new Date(r.endsAt) > now)) return hit.rows;
  const rows = await findRunningActivities(db, now);
  remembered.set(key, { untilMs: Date.now() + CACHE_MS, rows });
  return rows;
}

export function forgetRunningActivities(db: Executor): void {
  remembered.delete(databaseOf(db));
}
