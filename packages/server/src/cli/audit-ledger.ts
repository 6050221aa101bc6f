// `npm run audit:ledger`: recomputes every ledger balance from its entries on the configured database,
// prints the result as JSON and exits 1 when any balance, transaction or the grand total is off.
import { loadConfig } from "../config.ts";
import { openConfiguredDatabase } from "../db/open.ts";
import { auditLedger, ledgerAuditClean } from "../modules/ledger/audit.ts";

const database = await openConfiguredDatabase(loadConfig());
try {
  const audit = await auditLedger(database.db);
  console.log(JSON.stringify(audit, null, 2));
  if (!ledgerAuditClean(audit)) {
    console.error("ledger audit FAILED");
    process.exitCode = 1;
  } else console.log(`ledger audit clean: ${audit.accounts} accounts, ${audit.transactions} transactions`);
} finally {
  await database.close();
}
