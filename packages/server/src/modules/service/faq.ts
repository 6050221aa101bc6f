// The automatic answer (智能客服): a shopper's text is matched against the enabled FAQ entries; a confident
// match is answered at once, anything else is counted as an unanswered question for the merchant to write up.
// The segmented entries are kept in this process for a few seconds (an edit here clears them at once).
import type { Db, Executor } from "../../db/client.ts";
import { inTransaction } from "../../db/transaction.ts";
import { notFound } from "../../errors/app-error.ts";
import type { StaffActor } from "../../http/types.ts";
import { recordAudit } from "../audit/service.ts";
import { buildFaqIndex, type FaqIndex, matchFaq } from "./faq-matcher.ts";
import {
  countFaqHit,
  deleteFaqEntry,
  deleteFaqMiss,
  type FaqRow,
  findFaqEntry,
  insertFaqEntry,
  listFaqEntries,
  listFaqMisses,
  recordFaqMiss,
  updateFaqEntry,
} from "./faq-repo.ts";
import { tokenizeChinese } from "./segmenter.ts";

const CACHE_MS = 5_000;
type Loaded = { index: FaqIndex; answers: Map<number, string>; untilMs: number };
const loaded = new WeakMap<object, Loaded>();
const databaseOf = (db: Executor): object => (db as unknown as { dialect: object }).dialect;

async function faqIndexOf(db: Executor, nowMs: number): Promise<Loaded> {
  const cached = loaded.get(databaseOf(db));
  if (cached && cached.untilMs > nowMs) return cached;
  const rows = await listFaqEntries(db, true);
  const fresh = {
    index: buildFaqIndex(rows, tokenizeChinese),
    answers: new Map(rows.map((r) => [r.id, r.answer])),
    untilMs: nowMs + CACHE_MS,
  };
  loaded.set(databaseOf(db), fresh);
  return fresh;
}

/** How a question is counted among the unanswered: trimmed, lower case, end punctuation off, one line. */
export function normaliseQuestion(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[?？!！。.,，~～]+$/u, "")
    .trim()
    .slice(0, 100);
}

/** The FAQ answer to `text`, counting the hit; or null, counting the question as unanswered. */
export async function answerFromFaq(tx: Executor, text: string, now: Date) {
  const { index, answers } = await faqIndexOf(tx, now.getTime());
  const match = matchFaq(index, text, tokenizeChinese);
  const answer = match ? answers.get(match.id) : undefined;
  if (match && answer) {
    await countFaqHit(tx, match.id);
    return { entryId: match.id, answer };
  }
  const question = normaliseQuestion(text);
  if (question) await recordFaqMiss(tx, question, now);
  return null;
}

export type FaqInput = {
  question: string;
  variants: string[];
  answer: string;
  keywords: string[];
  enabled: boolean;
};

function faqView(row: FaqRow) {
  return {
    id: row.id,
    question: row.question,
    variants: row.variants,
    answer: row.answer,
    keywords: row.keywords,
    enabled: row.enabled,
    hits: row.hits,
    updatedAt: row.updatedAt,
  };
}

export async function listFaq(db: Db) {
  return { items: (await listFaqEntries(db, false)).map(faqView) };
}

export async function createFaq(db: Db, actor: StaffActor, input: FaqInput, now: Date) {
  loaded.delete(databaseOf(db));
  return inTransaction(db, async (tx) => {
    const row = await insertFaqEntry(tx, { ...input, createdAt: now, updatedAt: now });
    await recordAudit(tx, actor, { action: "faq.create", entity: "faq", entityId: row.id, after: input });
    // the question is answered now: it leaves the unanswered list
    await deleteFaqMiss(tx, normaliseQuestion(input.question));
    return faqView(row);
  });
}

export async function updateFaq(db: Db, actor: StaffActor, id: number, input: Partial<FaqInput>, now: Date) {
  loaded.delete(databaseOf(db));
  return inTransaction(db, async (tx) => {
    const before = await findFaqEntry(tx, id);
    if (!before) throw notFound("FAQ entry", { id });
    const row = (await updateFaqEntry(tx, id, { ...input, updatedAt: now }))!;
    await recordAudit(tx, actor, { action: "faq.update", entity: "faq", entityId: id, before, after: input });
    return faqView(row);
  });
}

export async function removeFaq(db: Db, actor: StaffActor, id: number) {
  loaded.delete(databaseOf(db));
  await inTransaction(db, async (tx) => {
    const before = await findFaqEntry(tx, id);
    if (!before || !(await deleteFaqEntry(tx, id))) throw notFound("FAQ entry", { id });
    await recordAudit(tx, actor, { action: "faq.delete", entity: "faq", entityId: id, before });
  });
}

export async function listUnanswered(db: Db, limit: number) {
  return { items: await listFaqMisses(db, limit) };
}
