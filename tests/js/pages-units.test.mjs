// Unit tests of the pages' pure parts under Node: the SSE parser Claude's stream goes through
// (events cut anywhere across chunks), the tool loop against a scripted fetch, and the chips
// drawn from whatever fields a Requirements object has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sseEvents, converse, ClaudeUnavailable } from '../../www/js/claude.js';
import { chipsOf, readingText } from '../../www/js/chips.js';
import { initials } from '../../www/js/results.js';

globalThis.window ??= { location: { origin: 'http://127.0.0.1:8080' } };

function streamOf(text, cuts) {
  const bytes = new TextEncoder().encode(text);
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i + 1 < points.length; i++) controller.enqueue(bytes.slice(points[i], points[i + 1]));
      controller.close();
    },
  });
}

const event = (name, data) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

function toolUseStream() {
  return [
    event('message_start', { type: 'message_start', message: { id: 'm1', role: 'assistant', content: [] } }),
    event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me ' } }),
    event('ping', { type: 'ping' }),
    event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'search — नमस्ते.' } }),
    event('content_block_stop', { type: 'content_block_stop', index: 0 }),
    event('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'tu1', name: 'search_talent', input: {} } }),
    event('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"gender":"fem' } }),
    event('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'ale","age_min":25}' } }),
    event('content_block_stop', { type: 'content_block_stop', index: 1 }),
    event('message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use' } }),
    event('message_stop', { type: 'message_stop' }),
  ].join('');
}

function textStream(pieces) {
  return [
    event('message_start', { type: 'message_start', message: { id: 'm2', content: [] } }),
    event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ...pieces.map((text) => event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })),
    event('content_block_stop', { type: 'content_block_stop', index: 0 }),
    event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' } }),
    event('message_stop', { type: 'message_stop' }),
  ].join('');
}

test('SSE events survive being cut at every byte', async () => {
  const text = toolUseStream();
  const whole = [];
  for await (const e of sseEvents(streamOf(text, []))) whole.push(e);
  assert.equal(whole.length, 12);
  for (let cut = 1; cut < new TextEncoder().encode(text).length; cut += 7) {
    const got = [];
    for await (const e of sseEvents(streamOf(text, [cut, cut + 3, cut + 50]))) got.push(e);
    assert.deepEqual(got, whole, `cut at ${cut}`);
  }
});

test('CRLF line endings and multi-line data', async () => {
  const raw = 'event: ping\r\ndata: {"type":\r\ndata: "ping"}\r\n\r\n';
  const got = [];
  for await (const e of sseEvents(streamOf(raw, [5, 20]))) got.push(e);
  assert.deepEqual(got, [{ event: 'ping', data: { type: 'ping' } }]);
});

test('the tool loop answers search_talent from the page and streams the final answer', async () => {
  const requests = [];
  const replies = [toolUseStream(), textStream(['Two ', 'strong ', 'matches.'])];
  globalThis.fetch = async (url, init) => {
    requests.push({ url, body: JSON.parse(init.body) });
    return new Response(streamOf(replies.shift(), [10, 100, 333]), { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  const pieces = [];
  const inputs = [];
  const text = await converse({
    model: 'm',
    system: 's',
    tool: { name: 'search_talent', description: 'd', input_schema: { type: 'object' } },
    history: [{ role: 'user', content: 'female lead' }],
    onText: (p) => pieces.push(p),
    runTool: (input) => (inputs.push(input), { matches: [{ id: 'T1', name: 'Asha', score: 0.9 }] }),
  });
  assert.deepEqual(inputs, [{ gender: 'female', age_min: 25 }]);
  assert.equal(text, 'Let me search — नमस्ते.\n\nTwo strong matches.');
  assert.ok(pieces.length >= 5);
  assert.equal(requests.length, 2);
  assert.equal(requests[0].url, 'http://127.0.0.1:8080/v1/messages');
  assert.equal(requests[0].body.stream, true);
  const result = requests[1].body.messages.at(-1).content[0];
  assert.equal(result.type, 'tool_result');
  assert.equal(result.tool_use_id, 'tu1');
  assert.deepEqual(JSON.parse(result.content).matches[0].id, 'T1');
});

test('a tool input the engine refuses goes back to Claude as an error result', async () => {
  const requests = [];
  const replies = [toolUseStream(), textStream(['Sorry.'])];
  globalThis.fetch = async (url, init) => {
    requests.push(JSON.parse(init.body));
    return new Response(streamOf(replies.shift(), []), { status: 200 });
  };
  await converse({ model: 'm', system: 's', tool: {}, history: [], onText: () => {}, runTool: () => { throw new Error('age_min: expected a whole number'); } });
  const result = requests[1].messages.at(-1).content[0];
  assert.equal(result.is_error, true);
  assert.match(result.content, /age_min/);
});

test('a 503 from the broker is ClaudeUnavailable', async () => {
  globalThis.fetch = async () => new Response(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Claude is not configured' } }), { status: 503 });
  await assert.rejects(converse({ model: 'm', system: 's', tool: {}, history: [], onText: () => {}, runTool: () => ({}) }), (e) => e instanceof ClaudeUnavailable && /not configured/.test(e.message));
});

test('an access token given once in the link goes with every request, and a 401 is ClaudeUnavailable', async () => {
  const stored = new Map();
  globalThis.localStorage = { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, String(v)) };
  const replaced = [];
  globalThis.history = { replaceState: (...args) => replaced.push(args[2]) };
  window.location.hash = '#access-token=team%20token';
  window.location.pathname = '/chat.html';
  window.location.search = '';
  const sent = [];
  const replies = [textStream(['Hello.']), textStream(['Again.'])];
  globalThis.fetch = async (url, init) => {
    sent.push(init.headers);
    return new Response(streamOf(replies.shift(), []), { status: 200 });
  };
  const args = { model: 'm', system: 's', tool: {}, history: [], onText: () => {}, runTool: () => ({}) };
  await converse(args);
  window.location.hash = '';
  await converse(args);
  assert.deepEqual(sent.map((h) => h.authorization), ['Bearer team token', 'Bearer team token'], 'kept after the link');
  assert.deepEqual(replaced, ['/chat.html'], 'the token leaves the address bar');
  globalThis.fetch = async () => new Response(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'this server needs an access token' } }), { status: 401 });
  await assert.rejects(converse(args), (e) => e instanceof ClaudeUnavailable && /access token/.test(e.message));
  delete globalThis.localStorage;
});

test('chips come from whatever fields the requirements have', () => {
  const chips = chipsOf({
    gender: 'female', age_min: 25, age_max: 32, languages: ['hindi', 'marathi'], skills: [], cities: ['mumbai'],
    height_min_cm: 160, height_max_cm: null, preferred_skills: ['rabindra sangeet'], accent: 'haryanvi',
  });
  const labels = chips.map((c) => c.label);
  assert.deepEqual(labels.sort(), ['accent: Haryanvi', 'age 25–32', 'city: Mumbai', 'gender: Female', 'height 160+ cm', 'language: Hindi', 'language: Marathi', 'preferred skill: Rabindra Sangeet'].sort());
  const age = chips.find((c) => c.label === 'age 25–32');
  assert.deepEqual(age.clear({ age_min: 25, age_max: 32, gender: 'female' }), { age_min: null, age_max: null, gender: 'female' });
  const hindi = chips.find((c) => c.label === 'language: Hindi');
  assert.deepEqual(hindi.clear({ languages: ['hindi', 'marathi'] }), { languages: ['marathi'] });
});

test('generic skills show as any form of their group; readings say how words were read', () => {
  const labels = chipsOf({ skill_groups: ['dance'], preferred_skill_groups: ['martial arts'] }).map((c) => c.label);
  assert.deepEqual(labels, ['any dance form', 'any martial arts form (a plus)']);
  assert.equal(readingText({ phrase: 'MMA fighter', field: 'skills', value: 'mma', confidence: 0.9 }), '“MMA fighter” → skill mma (90%)');
  assert.equal(readingText({ phrase: 'climbs', field: 'preferred_skills', value: 'rock climbing', confidence: 0.7 }), '“climbs” → skill rock climbing (70%)');
  assert.equal(readingText({ phrase: 'can dance', field: 'skill_groups', value: 'any dance form', confidence: 1 }), '“can dance” → any dance form (100%)');
});

test('a card without a headshot shows initials from a name in any script', () => {
  assert.equal(initials('Asha Rao'), 'AR');
  assert.equal(initials('  meera   k  nair '), 'MN');
  assert.equal(initials('Zeenat'), 'Z');
  assert.equal(initials('आशा राव'), 'आर');
  assert.equal(initials(''), '?');
  assert.equal(initials(undefined), '?');
});
