// A ChatModelPort for tests: counts tokens as characters / 4, answers through a
// script, and records every request (its prompt and the part it was for).
import type { ChatAnswer, ChatMessage, ChatModelInfo, ChatModelPort } from '../../src/operations/review/model';
import type { Clock } from '../../src/engine/host/rate-limit';

export type Reply = (prompt: string, index: number, signal: AbortSignal) => Promise<ChatAnswer> | ChatAnswer;

export interface FakeModel extends ChatModelPort {
  readonly prompts: string[];
  /** Requests in flight now and at most. */
  inFlight: number;
  maxInFlight: number;
}

export function fakeModel(reply: Reply, info: Partial<ChatModelInfo> = {}): FakeModel {
  const model: FakeModel = {
    info: { id: 'fake-1', vendor: 'test', family: 'fake', name: 'Fake', maxInputTokens: 100_000, ...info },
    prompts: [],
    inFlight: 0,
    maxInFlight: 0,
    countTokens: (text) => Promise.resolve(Math.ceil(text.length / 4)),
    async send(messages: readonly ChatMessage[], options) {
      const prompt = messages.map((m) => m.content).join('\n');
      const index = model.prompts.push(prompt) - 1;
      model.inFlight++;
      model.maxInFlight = Math.max(model.maxInFlight, model.inFlight);
      try {
        return await reply(prompt, index, options.signal);
      } finally {
        model.inFlight--;
      }
    },
  };
  return model;
}

/** The numbered lines of a review prompt: [line, text]. */
export function promptLines(prompt: string): [number, string][] {
  const out: [number, string][] = [];
  for (const m of prompt.matchAll(/^(\d+)\| (.*)$/gm)) out.push([Number(m[1]), m[2]!]);
  return out;
}

/** A review answer: a spelling finding for each shown line containing "teh", replaced by "the". */
export function tehReviewer(prompt: string): ChatAnswer {
  const findings = promptLines(prompt)
    .filter(([, text]) => text.includes('teh'))
    .map(([line, text]) => ({ rule: 'spelling', severity: 'warning', line, message: 'Misspelt "the".', replacement: text.replace(/teh/g, 'the') }));
  return { text: JSON.stringify({ findings }) };
}

/** A clock whose waits are recorded and settle when the test says (or at once with `auto`). */
export function fakeClock(auto = true): Clock & { waits: number[]; time: number; release(): void } {
  const pending: (() => void)[] = [];
  const clock = {
    waits: [] as number[],
    time: 0,
    now: () => clock.time,
    wait(ms: number, signal?: AbortSignal): Promise<void> {
      clock.waits.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new Error('aborted'));
        const done = () => {
          clock.time += ms;
          resolve();
        };
        signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        if (auto) done();
        else pending.push(done);
      });
    },
    release() {
      for (const d of pending.splice(0)) d();
    },
  };
  return clock;
}
