// Claude through the server's broker: health, the streamed Messages API (SSE) and the tool loop
// in which Claude's `search_talent` calls are answered by the wasm engine. The roster stays in
// the browser: Claude only ever sees the compact results of the searches it asked for.

const MAX_TOOL_ROUNDS = 3;
const MAX_TOKENS = 1024;

/** Where the server is: `/api/health` under `castmatch serve`, `../api/health` from `/www/`. */
function apiUrl(path) {
  return new URL(`/${path}`, window.location.origin).href;
}

const TOKEN_KEY = 'castmatch.accessToken';

/**
 * The server's access token, when it needs one: given once in a link ending
 * `#access-token=TOKEN` (a fragment never reaches a server or a referrer), kept in this
 * browser, and removed from the address bar so it is not bookmarked or shared.
 */
function accessToken() {
  // Outside a browser (the unit tests in Node) there is no storage and no token.
  if (typeof localStorage === 'undefined') return null;
  const match = /(?:^#|&)access-token=([^&]+)/.exec(window.location.hash ?? '');
  if (match) {
    localStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return localStorage.getItem(TOKEN_KEY);
}

function authorised(headers) {
  const token = accessToken();
  return token ? { ...headers, authorization: `Bearer ${token}` } : headers;
}

/** @typedef {{claude: 'configured' | 'offline', version?: string, models: string[]}} Health */

/**
 * Whether Claude can be reached through the server, and with which models; offline when there
 * is no server API.
 * @returns {Promise<Health>}
 */
export async function health() {
  try {
    const response = await fetch(apiUrl('api/health'), { headers: { accept: 'application/json' } });
    if (!response.ok) return { claude: 'offline', models: [] };
    const body = await response.json();
    // A server that needs a token this browser lacks cannot be used: offline it is.
    const usable = body.claude === 'configured' && (body.access !== 'token' || accessToken());
    return { claude: usable ? 'configured' : 'offline', version: body.version, models: body.models ?? [] };
  } catch {
    return { claude: 'offline', models: [] };
  }
}

/** Thrown when the broker says Claude is unavailable (503), so the caller falls back. */
export class ClaudeUnavailable extends Error {}

/**
 * Splits an SSE byte stream into events `{event, data}`; `data` is parsed JSON. Events may be
 * cut anywhere across chunks, so text is buffered until a blank line completes one.
 */
export async function* sseEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let boundary;
    while ((boundary = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const raw = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
      const event = parseEvent(raw);
      if (event) yield event;
    }
  }
  const last = parseEvent(buffer);
  if (last) yield last;
}

function parseEvent(raw) {
  let event = 'message';
  const data = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return null;
  try {
    return { event, data: JSON.parse(data.join('\n')) };
  } catch {
    return { event, data: data.join('\n') };
  }
}

/**
 * One streamed request. Calls `onText(piece)` for each text delta as it arrives; resolves the
 * assistant's content blocks (text and tool_use with parsed input) and the stop reason.
 */
export async function streamMessage(request, { onText, signal }) {
  const response = await fetch(apiUrl('v1/messages'), {
    method: 'POST',
    headers: authorised({ 'content-type': 'application/json', accept: 'text/event-stream' }),
    body: JSON.stringify({ ...request, stream: true }),
    signal,
  });
  // 503: no key on the server; 401: this browser has no (or a wrong) access token.
  if (response.status === 503 || response.status === 401) throw new ClaudeUnavailable(await errorText(response));
  if (!response.ok) throw new Error(`Claude request failed (${response.status}): ${await errorText(response)}`);
  const blocks = [];
  const toolJson = new Map();
  let stopReason = null;
  for await (const { event, data } of sseEvents(response.body)) {
    const type = data?.type ?? event;
    if (type === 'content_block_start') {
      blocks[data.index] = { ...data.content_block };
      if (data.content_block.type === 'tool_use') toolJson.set(data.index, '');
    } else if (type === 'content_block_delta') {
      const delta = data.delta;
      if (delta.type === 'text_delta') {
        blocks[data.index].text = (blocks[data.index].text ?? '') + delta.text;
        onText(delta.text);
      } else if (delta.type === 'input_json_delta') {
        toolJson.set(data.index, toolJson.get(data.index) + delta.partial_json);
      }
    } else if (type === 'content_block_stop' && toolJson.has(data.index)) {
      const json = toolJson.get(data.index);
      blocks[data.index].input = json ? JSON.parse(json) : {};
    } else if (type === 'message_delta') {
      stopReason = data.delta?.stop_reason ?? stopReason;
    } else if (type === 'error') {
      throw new Error(`Claude stream error: ${data.error?.message ?? JSON.stringify(data)}`);
    }
  }
  return { content: blocks.filter(Boolean), stopReason };
}

async function errorText(response) {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text).error?.message ?? text;
  } catch {
    return text || response.statusText;
  }
}

/**
 * A full turn with tools: stream, and while Claude asks for `search_talent`, answer from
 * `runTool(input)` (the wasm search) and stream on. `history` holds prior text turns.
 * Resolves the final text of the turn.
 * @param {{model: string, system: string, tool: object, history: {role: string, content: any}[],
 *   onText: (piece: string) => void, runTool: (input: any) => object, signal?: AbortSignal}} turn
 * @returns {Promise<string>}
 */
export async function converse({ model, system, tool, history, onText, runTool, signal }) {
  const messages = [...history];
  let text = '';
  for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
    const tools = round < MAX_TOOL_ROUNDS ? [tool] : [];
    // Text after a tool call starts a new paragraph of the same bubble.
    let separator = text ? '\n\n' : '';
    const reply = await streamMessage(
      { model, max_tokens: MAX_TOKENS, system, tools, messages },
      {
        signal,
        onText: (piece) => {
          text += separator + piece;
          onText(separator + piece);
          separator = '';
        },
      },
    );
    messages.push({ role: 'assistant', content: reply.content });
    const calls = reply.content.filter((block) => block.type === 'tool_use');
    if (reply.stopReason !== 'tool_use' || !calls.length) break;
    messages.push({ role: 'user', content: calls.map((call) => toolResult(call, runTool)) });
  }
  return text;
}

function toolResult(call, runTool) {
  try {
    return { type: 'tool_result', tool_use_id: call.id, content: JSON.stringify(runTool(call.input)) };
  } catch (error) {
    // An input out of schema goes back to Claude as an error it can correct.
    return { type: 'tool_result', tool_use_id: call.id, is_error: true, content: error instanceof Error ? error.message : String(error) };
  }
}
