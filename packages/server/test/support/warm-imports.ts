// Loads the app's module graph before a worker's first file runs (later files find it loaded: isolate is off).
// The first file of a worker otherwise paid it inside its first test or hook, which on a loaded machine took
// longer than the 60 s a test gets (two workers: two such first files).
import "./test-app.ts";
