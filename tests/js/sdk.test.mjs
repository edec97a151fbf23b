// The official TypeScript SDK (@anthropic-ai/sdk) pointed at `castmatch serve --fake-upstream`:
// everything a client of the broker calls works with only a base URL, the SDK's error classes
// see the broker's refusals, and the access token is what the SDK sends as its API key.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startServer } from './e2e-helpers.mjs';

const MODEL = 'claude-sonnet-4-5';
const TOOL = {
  name: 'search_talent',
  description: 'Search the roster',
  input_schema: { type: 'object', properties: { gender: { type: 'string' } } },
};

describe('the TypeScript SDK against the broker', () => {
  let server;
  let sdk;
  before(async () => {
    server = await startServer({ fakeUpstream: true });
    // The broker holds the key: whatever the SDK sends as its own is dropped.
    sdk = new Anthropic({ baseURL: server.base, apiKey: 'not-the-servers-key', maxRetries: 0 });
  });
  after(async () => {
    await server?.stop();
  });

  test('messages.create answers a whole message', async () => {
    const message = await sdk.messages.create({
      model: MODEL,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Female lead, 25-32, Kathak, Mumbai' }],
    });
    assert.equal(message.type, 'message');
    assert.equal(message.stop_reason, 'end_turn');
    assert.match(message.content[0].text, /Kathak/);
    assert.equal(message.usage.input_tokens, 25);
  });

  test('messages.stream streams text and a tool call, then the answer to its result', async () => {
    const messages = [{ role: 'user', content: 'Female lead, 25-32, Hindi and Marathi, Kathak, Mumbai' }];
    const stream = sdk.messages.stream({ model: MODEL, max_tokens: 512, tools: [TOOL], messages });
    const pieces = [];
    stream.on('text', (text) => pieces.push(text));
    const first = await stream.finalMessage();
    assert.ok(pieces.length > 1, 'text came in pieces');
    assert.equal(first.stop_reason, 'tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    assert.equal(call.name, 'search_talent');
    assert.deepEqual(call.input.languages, ['hindi', 'marathi']);
    messages.push({ role: 'assistant', content: first.content });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '[]' }] });
    const answer = await sdk.messages.stream({ model: MODEL, max_tokens: 512, tools: [TOOL], messages }).finalText();
    assert.match(answer, /roster search/);
  });

  test('models.list and models.retrieve name the allowed models', async () => {
    const health = await (await fetch(`${server.base}/api/health`)).json();
    const ids = [];
    for await (const model of sdk.models.list()) ids.push(model.id);
    assert.deepEqual(ids, health.models);
    const one = await sdk.models.retrieve(MODEL);
    assert.equal(one.id, MODEL);
    await assert.rejects(sdk.models.retrieve('claude-2'), Anthropic.NotFoundError);
  });

  test('messages.countTokens passes through', async () => {
    const counted = await sdk.messages.countTokens({
      model: MODEL,
      messages: [{ role: 'user', content: 'Female lead, 25-32, Kathak' }],
    });
    assert.equal(counted.input_tokens, 25 + 4);
  });

  test("the broker's refusals reach the SDK as its error classes", async () => {
    await assert.rejects(
      sdk.messages.create({ model: 'claude-2', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      (error) => error instanceof Anthropic.BadRequestError && /not available on this server/.test(error.message),
    );
    await assert.rejects(
      sdk.messages.create({
        model: MODEL,
        max_tokens: 10,
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
        messages: [{ role: 'user', content: 'hi' }],
      }),
      (error) => error instanceof Anthropic.PermissionDeniedError && /--allow-server-tool web_search/.test(error.message),
    );
  });
});

describe('the SDK with an access token', () => {
  let server;
  before(async () => {
    server = await startServer({ fakeUpstream: true, args: ['--access-token', 'team-token-42'] });
  });
  after(async () => {
    await server?.stop();
  });

  test('the token is the SDK API key; without it the SDK gets an AuthenticationError', async () => {
    const good = new Anthropic({ baseURL: server.base, apiKey: 'team-token-42', maxRetries: 0 });
    const message = await good.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(message.stop_reason, 'end_turn');
    const bad = new Anthropic({ baseURL: server.base, apiKey: 'guess', maxRetries: 2 });
    await assert.rejects(
      bad.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] }),
      Anthropic.AuthenticationError,
    );
  });
});
