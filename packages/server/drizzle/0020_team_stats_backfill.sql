-- Fills team_stats from the bindings and paid orders already there (the same count as rebuildTeamStats in
-- modules/binding/team-stats-repo.ts): each bound member counts for their upline at level 1, the upline's
-- upline at level 2 and the next at level 3, with their paid sales net of refunds.
INSERT INTO team_stats (user_id, level, members, sales_fen)
WITH own AS (
  SELECT buyer_user_id AS user_id, sum(payable_fen - refunded_fen) AS fen
  FROM orders WHERE paid_at IS NOT NULL GROUP BY buyer_user_id
), member AS (
  SELECT b1.user_id AS id, b1.upline_user_id AS a1, b2.upline_user_id AS a2, b3.upline_user_id AS a3
  FROM referral_bindings b1
  LEFT JOIN referral_bindings b2 ON b2.user_id = b1.upline_user_id
  LEFT JOIN referral_bindings b3 ON b3.user_id = b2.upline_user_id
)
SELECT up.user_id, up.level, count(*), coalesce(sum(own.fen), 0)
FROM member
LEFT JOIN own ON own.user_id = member.id
CROSS JOIN LATERAL (VALUES (member.a1, 1), (member.a2, 2), (member.a3, 3)) AS up (user_id, level)
WHERE up.user_id IS NOT NULL
GROUP BY up.user_id, up.level;
