// The column shapes every area's tables share: identity ids, id references, money in fen, instants.
import { bigint, timestamp } from "drizzle-orm/pg-core";

/** A bigint identity primary key, read as a JS number. */
export const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
/** A reference to another table's id. */
export const ref = (name: string) => bigint(name, { mode: "number" });
/** An amount of money in integer fen (`*_fen`). */
export const money = (name: string) => bigint(name, { mode: "number" });
/** An instant (`*_at timestamptz`). */
export const at = (name: string) => timestamp(name, { withTimezone: true });
