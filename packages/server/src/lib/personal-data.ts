// Staff screens show a phone masked (138****0001): enough to tell two customers apart on the phone with them,
// not enough to copy a customer list. The full number comes only through the audited reveal route.

/** Masks a phone number for staff lists: "13800000001" → "138****0001"; short numbers keep only the last two. */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null): string | null;
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.trim();
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return "*".repeat(digits.length);
  return `${"*".repeat(digits.length - 2)}${digits.slice(-2)}`;
}
