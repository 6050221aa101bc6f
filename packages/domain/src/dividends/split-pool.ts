// How one pool is split among its members by weight when some members may take only so much more this
// period (their cap room): members whose share would pass their room get exactly their room, and what they
// could not take goes to the others (redistribute) or stays with the merchant (merchant_keeps). Every amount
// is floored to the fen; what flooring leaves is the remainder, kept by the merchant and shown.

export type CapOverflow = "redistribute" | "merchant_keeps";

export type PoolMember = {
  userId: number;
  /** Relative weight (equal split: 1; weighted split: the grade's rate in bps). */
  weight: number;
  /** What the member may still receive in every cap period; null when no cap applies. */
  roomFen: number | null;
};

export type PoolSplit = {
  /** One per member, in the order given; amountFen may be 0 when a cap is already reached. */
  amounts: { userId: number; amountFen: number; heldBackFen: number }[];
  paidFen: number;
  /** What the caps kept from members and the merchant keeps (merchant_keeps, or nobody left to take it). */
  heldBackFen: number;
  /** What flooring each amount left over; stays with the merchant. */
  remainderFen: number;
};

/**
 * Splits `poolFen` over `members` by weight under their cap room.
 * Example: ¥50,000 among 200 uncapped gold members → ¥250 each, remainder 0; with one member capped at ¥100
 * and redistribute, that member gets ¥100 and the other 199 share ¥49,900 (¥250.75 → 25075 fen each).
 */
export function splitPool(poolFen: number, members: readonly PoolMember[], overflow: CapOverflow): PoolSplit {
  if (!Number.isSafeInteger(poolFen) || poolFen < 0)
    throw new RangeError(`pool must be ≥ 0 fen, got ${poolFen}`);
  const pool = BigInt(poolFen);
  // a member already past a cap (the merchant lowered it) has no room, not negative room
  members = members.map((m) => (m.roomFen !== null && m.roomFen < 0 ? { ...m, roomFen: 0 } : m));
  const weightSum = members.reduce((s, m) => s + BigInt(m.weight), 0n);
  const amounts = members.map((m) => ({ userId: m.userId, amountFen: 0, heldBackFen: 0 }));
  // nobody to share with: the whole pool stays with the merchant, as held back
  if (weightSum === 0n) return finish(poolFen, amounts, poolFen);
  if (pool === 0n) return finish(poolFen, amounts, 0);

  const capped = new Map<number, number>();
  let left = pool;
  let weightLeft = weightSum;
  if (overflow === "redistribute") {
    // Tightest first: room / weight ascending. If the tightest member is not capped at the current share,
    // no later one is, so one pass over the sorted list settles every capped member.
    const order = members
      .map((m, index) => ({ index, m }))
      .filter(({ m }) => m.roomFen !== null && m.weight > 0)
      .sort((a, b) => compareRoomPerWeight(a.m, b.m));
    for (const { index, m } of order) {
      const room = BigInt(m.roomFen as number);
      // share = left × w / weightLeft ≥ room ⇔ left × w ≥ room × weightLeft
      if (left * BigInt(m.weight) < room * weightLeft) break;
      capped.set(index, Number(room));
      left -= room;
      weightLeft -= BigInt(m.weight);
    }
  }
  let heldBack = 0;
  members.forEach((m, index) => {
    const line = amounts[index]!;
    const fixed = capped.get(index);
    if (fixed !== undefined) {
      line.amountFen = fixed;
      return;
    }
    if (weightLeft === 0n) return;
    const share = Number((left * BigInt(m.weight)) / weightLeft);
    const room = m.roomFen === null ? share : Math.max(0, m.roomFen);
    line.amountFen = Math.min(share, room);
    // merchant_keeps: the part over the room is kept (redistribute never gets here with share > room)
    line.heldBackFen = share - line.amountFen;
    heldBack += line.heldBackFen;
  });
  // redistribute with every member capped: what nobody could take is held back too
  if (weightLeft === 0n) heldBack += Number(left);
  return finish(poolFen, amounts, heldBack);
}

function compareRoomPerWeight(a: PoolMember, b: PoolMember): number {
  const left = (a.roomFen as number) * b.weight;
  const right = (b.roomFen as number) * a.weight;
  // exact in doubles while both products stay below 2^53 (the usual case); BigInt beyond
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER)
    return left < right ? -1 : left > right ? 1 : a.userId - b.userId;
  const big = BigInt(a.roomFen as number) * BigInt(b.weight) - BigInt(b.roomFen as number) * BigInt(a.weight);
  return big < 0n ? -1 : big > 0n ? 1 : a.userId - b.userId;
}

function finish(poolFen: number, amounts: PoolSplit["amounts"], heldBackFen: number): PoolSplit {
  const paidFen = amounts.reduce((s, a) => s + a.amountFen, 0);
  return { amounts, paidFen, heldBackFen, remainderFen: poolFen - paidFen - heldBackFen };
}
