// The live stream /api/events, kept open: when it drops, the page says so and reconnects with a
// growing pause. On every (re)connect the server sends each run again, and onOpen lets the page
// reload whatever else it shows, so nothing missed while away stays missing.

import { authorizedFetch, paths } from './api.js';
import { SseParser, readStream } from './sse.js';

const firstPauseMs = 1000;
const longestPauseMs = 15_000;

/**
 * handlers: { run(json), generation(json), node(json), onOpen(), onStatus(text) }.
 * Returns a function that stops the stream.
 */
export function connectEvents(handlers) {
  const stop = new AbortController();
  run(handlers, stop.signal);
  return () => stop.abort();
}

async function run(handlers, signal) {
  let pause = firstPauseMs;
  while (!signal.aborted) {
    handlers.onStatus('connecting');
    try {
      const response = await authorizedFetch(paths.events, { signal, headers: { Accept: 'text/event-stream' } });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      handlers.onStatus('live');
      pause = firstPauseMs;
      handlers.onOpen();
      await readStream(response, new SseParser((type, data) => dispatch(handlers, type, data)));
    } catch (error) {
      if (signal.aborted) return;
      console.warn('event stream:', error);
    }
    handlers.onStatus(`reconnecting in ${Math.round(pause / 1000)} s`);
    await delay(pause, signal);
    pause = Math.min(pause * 2, longestPauseMs);
  }
}

function dispatch(handlers, type, data) {
  const handler = { run: handlers.run, generation: handlers.generation, node: handlers.node }[type];
  if (!handler) return;
  let parsed;
  try {
    parsed = JSON.parse(data);
  } catch {
    console.warn(`event stream: ${type} event is not JSON`);
    return;
  }
  handler(parsed);
}

function delay(ms, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
