-- A statement that ends its transaction with the COMMIT sent right behind it (db/pipelined-transaction.ts)
-- cannot leave a refusal for the caller to read from its rows and throw on: by then the COMMIT has run. It
-- raises instead, and the transaction ends as a ROLLBACK. `app_refuse(code, details)` raises SQLSTATE LB400
-- with the app's error code as the message and its details as JSON (db/errors.ts refusalOf reads them).
CREATE FUNCTION app_refuse(code text, details jsonb) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LB400', MESSAGE = code, DETAIL = details::text;
END
$$;
