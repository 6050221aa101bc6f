// Test databases live next to the one DATABASE_URL names; these build their URLs.
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database, from which test databases are created and dropped. */
export function adminUrl(url: string): string {
  return databaseUrlFor(url, "postgres");
}
