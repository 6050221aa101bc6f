// Small display helpers: masked phone numbers and local date-times.

/** "13800000001" → "138****0001"; anything shorter is shown as given. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/** An API date (ISO string) as "2026-11-23 18:05" in the device's time zone. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
