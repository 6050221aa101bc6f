// Prepared databases for the server suites are built here (see test/support/databases.ts).
export default async function setup(): Promise<void> {}
