// Reads a server-sent event stream with fetch (the API wants the bearer header, which EventSource cannot
// send) and hands each event's data to `onEvent`; resolves when the stream ends or breaks, so the caller can
// fall back to polling and try again later.

export async function readLiveStream(
  url: string,
  token: string | null,
  onEvent: (data: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream refused: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (data) onEvent(JSON.parse(data));
      end = buffer.indexOf("\n\n");
    }
  }
}
