import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../src/engine/control/validate.js';

const parse = (value: unknown) => parseClientMessage(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseClientMessage', () => {
  it('accepts the four message types and rebuilds commands from their known fields only', () => {
    expect(parse({ v: 1, type: 'subscribe' })).toEqual({ ok: true, message: { v: 1, type: 'subscribe', output: false } });
    expect(parse({ v: 1, type: 'ping', id: 'a' })).toEqual({ ok: true, message: { v: 1, type: 'ping', id: 'a' } });
    expect(parse({ v: 1, type: 'snapshot', id: 3 })).toMatchObject({ ok: true });
    expect(parse({ v: 1, type: 'command', id: 7, by: 'ctl', command: { type: 'kill', trialId: 3, extra: 'x' } })).toEqual({
      ok: true,
      message: { v: 1, type: 'command', id: 7, by: 'ctl', command: { type: 'kill', trialId: 3 } },
    });
    expect(parse({ v: 1, type: 'command', id: 1, command: { type: 'stop' } })).toMatchObject({
      ok: true,
      message: { by: 'socket', command: { type: 'stop' } },
    });
    const added = parse(
      '{"v":1,"type":"command","id":1,"command":{"type":"addTrial","params":{"act":"nan","__proto__":3,"lr":{"$num":"nan"}}}}',
    );
    expect(added.ok).toBe(true);
    const params = (added as { message: { command: { params: Record<string, unknown> } } }).message.command.params;
    expect(Object.keys(params)).toEqual(['act', '__proto__', 'lr']);
    expect(params.lr).toBeNaN();
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('names both versions on a version mismatch, and keeps the id', () => {
    expect(parse({ v: 2, type: 'ping', id: 5 })).toEqual({
      ok: false,
      id: 5,
      error: 'protocol version 2 is not supported; this sweeptop speaks version 1',
    });
    expect(parse({ type: 'ping', id: 5 })).toMatchObject({ ok: false, error: expect.stringContaining('missing') });
  });

  it.each([
    ['not json', 'not JSON'],
    ['[1,2]', 'expected a JSON object, got an array'],
    ['42', 'expected a JSON object, got 42'],
    ['{"v":1,"type":"launch","id":1}', 'unknown message type "launch"'],
    ['{"v":1,"type":"ping"}', 'ping: id must be'],
    ['{"v":1,"type":"ping","id":{}}', 'ping: id must be'],
    ['{"v":1,"type":"subscribe","output":"yes"}', 'output must be true or false'],
    ['{"v":1,"type":"command","id":1}', 'command: expected an object, got nothing'],
    ['{"v":1,"type":"command","id":1,"command":{"type":"rm -rf"}}', 'unknown command "rm -rf"'],
    ['{"v":1,"type":"command","id":1,"command":{"type":"kill","trialId":"3"}}', 'kill: trialId must be an integer ≥ 0, got "3"'],
    ['{"v":1,"type":"command","id":1,"command":{"type":"pause","trialId":-1}}', 'trialId must be an integer ≥ 0, got -1'],
    ['{"v":1,"type":"command","id":1,"command":{"type":"pause","trialId":1.5}}', 'got 1.5'],
    ['{"v":1,"type":"command","id":1,"command":{"type":"pause","trialId":1e300}}', 'got 1e+300'],
    ['{"v":1,"type":"command","id":1,"command":{"type":"setParallel","value":"4"}}', 'value must be a number'],
    [
      '{"v":1,"type":"command","id":1,"command":{"type":"addTrial","params":{"lr":[1]}}}',
      'params.lr must be a number, string, boolean or null, got an array',
    ],
    [
      '{"v":1,"type":"command","id":1,"command":{"type":"addTrial","params":{},"after":-2}}',
      'addTrial: after must be an integer ≥ 0, got -2',
    ],
    [
      '{"v":1,"type":"command","id":1,"command":{"type":"addTrial","params":{},"after":"3"}}',
      'addTrial: after must be an integer ≥ 0, got "3"',
    ],
    ['{"v":1,"type":"command","id":1,"command":{"type":"stop","force":1}}', 'force must be true or false'],
    ['{"v":1,"type":"command","id":1,"by":"","command":{"type":"stop"}}', 'by must be a name'],
    ['{"v":1,"type":"command","id":1,"by":"a\\nb","command":{"type":"stop"}}', 'by must be a name'],
  ])('refuses %s with one line', (line, error) => {
    const parsed = parse(line);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain(error);
    expect(parsed.error).not.toContain('\n');
  });

  it('never echoes much of what it was sent', () => {
    const parsed = parse({ v: 1, type: 'x'.repeat(100_000), id: 1 });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.length).toBeLessThan(200);
  });
});

describe('parseClientMessage, declared with valibot', () => {
  it('reads a null `by` as no name given, and keeps a stop without force as it came', () => {
    expect(parse({ v: 1, type: 'command', id: 1, by: null, command: { type: 'stop' } })).toEqual({
      ok: true,
      message: { v: 1, type: 'command', id: 1, by: 'socket', command: { type: 'stop' } },
    });
    expect(parse({ v: 1, type: 'command', id: 2, command: { type: 'stop', force: true } })).toMatchObject({
      ok: true,
      message: { command: { type: 'stop', force: true } },
    });
  });

  it('names a missing field with its own message, with the id when the request had one', () => {
    expect(parse({ v: 1, type: 'command', command: { type: 'stop' } })).toEqual({
      ok: false,
      error: 'command: id must be a number or a string of at most 64 characters',
    });
    expect(parse({ v: 1, type: 'command', id: 4, command: { type: 'pause' } })).toEqual({
      ok: false,
      id: 4,
      error: 'command: pause: trialId must be an integer ≥ 0, got nothing',
    });
    expect(parse({ v: 1, type: 'command', id: 5, command: { type: 'addTrial' } })).toEqual({
      ok: false,
      id: 5,
      error: 'command: addTrial: params must be an object of parameter values, got nothing',
    });
    expect(parse({ v: 1, type: 'subscribe', id: 6, output: 1 })).toEqual({ ok: false, error: 'subscribe: output must be true or false' });
  });

  it('never throws, and answers anything with a message or one line', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const atoms: unknown[] = [null, 0, -1, 2.5, 1e300, '', 'kill', 'x'.repeat(100), true, [], [1], {}];
    const value = (depth: number): unknown => {
      if (depth > 2 || next() < 0.4) return atoms[Math.floor(next() * atoms.length)];
      const keys = ['v', 'type', 'id', 'by', 'output', 'command', 'trialId', 'value', 'params', 'force', '__proto__'];
      return Object.fromEntries(
        keys
          .filter(() => next() < 0.5)
          .map((k) => [
            k,
            k === 'v'
              ? 1
              : k === 'type'
                ? ['command', 'ping', 'subscribe', 'kill', 'addTrial', 'stop'][Math.floor(next() * 6)]
                : value(depth + 1),
          ]),
      );
    };
    for (let i = 0; i < 5_000; i++) {
      const line = JSON.stringify(value(0)) ?? 'null';
      const parsed = parseClientMessage(line);
      if (!parsed.ok) expect(parsed.error, line).not.toMatch(/\n/);
    }
  });
});
