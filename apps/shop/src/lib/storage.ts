// What the shop remembers between visits: the session token, the language and the referral code it arrived by.
const TOKEN_KEY = "liebian.shop.token";
const REF_KEY = "liebian.shop.ref";
const LANGUAGE_KEY = "liebian.shop.language";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // private mode: the value lives only as long as the page
  }
}

export const readToken = () => read(TOKEN_KEY);
export const writeToken = (token: string | null) => write(TOKEN_KEY, token);
export const readRef = () => read(REF_KEY);
export const writeRef = (ref: string | null) => write(REF_KEY, ref);
export const readLanguage = () => read(LANGUAGE_KEY);
export const writeLanguage = (language: string) => write(LANGUAGE_KEY, language);
