// Small display helpers: masked phone numbers and date-times on the shop's (Shanghai) clock.

/** "13800000001" → "138****0001"; anything shorter is shown as given. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

// The shop's business day is Shanghai's: order numbers, deadlines and release dates all read on its clock,
// whatever time zone the phone is set to.
const shanghai = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An API date (ISO string) as "2026-11-23 18:05" in Shanghai time. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "";
  const part = Object.fromEntries(shanghai.formatToParts(d).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}
