// The ledger audit as a post-suite check: test-app.ts pushes it into `postSuiteChecks`, so every server
// test file that starts an app ends by recomputing all balances from the entries, and fails if anything is off.
import type { AppDeps } from "../../src/deps.ts";
import { auditLedger, ledgerAuditClean } from "../../src/modules/ledger/audit.ts";

export async function checkLedger(deps: Pick<AppDeps, "db">): Promise<void> {
  const audit = await auditLedger(deps.db);
  if (!ledgerAuditClean(audit)) throw new Error(`ledger audit failed: ${JSON.stringify(audit)}`);
}
