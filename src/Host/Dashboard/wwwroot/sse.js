// Server-Sent Events read from a fetch() response: EventSource cannot send an Authorization header.
// The parser follows the HTML standard's event-stream rules: lines end in CRLF, LF or CR; a blank
// line dispatches; `:` starts a comment; one space after a field's colon is dropped; data lines join
// with newlines; an event with no data is not dispatched.

export class SseParser {
  #pending = '';
  #type = '';
  #data = [];
  #onEvent;

  /** onEvent(type, data) for each complete event; type defaults to 'message'. */
  constructor(onEvent) {
    this.#onEvent = onEvent;
  }

  /** Feeds a decoded chunk; chunks may split lines, and a CR may end one chunk with its LF in the next. */
  push(chunk) {
    const text = this.#pending + chunk;
    let start = 0;
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c !== '\n' && c !== '\r') {
        i++;
        continue;
      }
      if (c === '\r' && i + 1 === text.length) break; // maybe half of a CRLF: wait for the next chunk
      this.#line(text.slice(start, i));
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = i;
    }
    this.#pending = text.slice(start);
  }

  #line(line) {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
  }

  #dispatch() {
    const type = this.#type || 'message';
    const data = this.#data;
    this.#type = '';
    this.#data = [];
    if (data.length > 0) this.#onEvent(type, data.join('\n'));
  }
}

/** Reads a streaming response to its end, feeding the parser; returns when the server closes it. */
export async function readStream(response, parser) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.push(value);
  }
}
