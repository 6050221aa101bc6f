// Revealing a customer's phone: one record at a time, written to the audit log in the same transaction
// (the log says which record and which fields were shown, never the numbers themselves).
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { findRecordPhones } from "./repo.ts";
import type { RevealSubject } from "./schemas.ts";

export async function revealPhones(db: Db, actor: StaffActor, subject: RevealSubject, id: number) {
  return inTransaction(db, async (tx) => {
    const phones = await findRecordPhones(tx, subject, id);
    if (!phones) throw notFound(subject, { id });
    await recordAudit(tx, actor, {
      action: "personal_data.reveal",
      entity: subject,
      entityId: id,
      after: { fields: Object.keys(phones).filter((k) => phones[k as keyof typeof phones] !== null) },
    });
    return { subject, id, ...phones };
  });
}
