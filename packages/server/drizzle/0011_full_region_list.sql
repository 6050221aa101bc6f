-- The full national region list (@vant/area-data) replaced the bundled partial one. Every code of the old
-- list is in the new one with the same name except Macao's two parishes, which the old list numbered on its
-- own: 圣安多尼堂区 (820102) is 花王堂区 (820103), 花地玛堂区 moves from 820101 to 820102. Order matters.
-- The stored region_text stays as the shopper saw it; only the codes move, so the address edits cleanly.
UPDATE "addresses" SET "district_code" = '820103' WHERE "city_code" = '820100' AND "district_code" = '820102';--> statement-breakpoint
UPDATE "addresses" SET "district_code" = '820102' WHERE "city_code" = '820100' AND "district_code" = '820101';
