// ChatModelPort over vscode.lm: a LanguageModelChat's sendRequest and countTokens,
// an AbortSignal bridged to a CancellationToken, LanguageModelError codes mapped to
// ModelError kinds (decisions/lm.ts). The one place that talks to the model.
import * as vscode from 'vscode';
import { ModelError, type ChatAnswer, type ChatMessage, type ChatModelInfo, type ChatModelPort } from '../../operations/review/model';
import { modelErrorKindOf, type ModelCandidate } from '../decisions/lm';

/** A CancellationToken that is cancelled when `signal` aborts; dispose it when done (it stops listening to the signal). */
export function tokenOf(signal: AbortSignal): { readonly token: vscode.CancellationToken; dispose(): void } {
  const source = new vscode.CancellationTokenSource();
  const cancel = () => source.cancel();
  if (signal.aborted) source.cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  return {
    token: source.token,
    dispose: () => {
      signal.removeEventListener('abort', cancel);
      source.dispose();
    },
  };
}

export function candidateOf(model: vscode.LanguageModelChat): ModelCandidate {
  return { id: model.id, name: model.name, vendor: model.vendor, family: model.family, maxInputTokens: model.maxInputTokens };
}

function modelErrorOf(err: unknown, cancelled: boolean): ModelError {
  if (err instanceof ModelError) return err;
  const kind = modelErrorKindOf(err, cancelled);
  const message = err instanceof Error ? err.message : String(err);
  return new ModelError(kind, kind === 'cancelled' ? 'the request was cancelled' : message);
}

export class VscodeChatModel implements ChatModelPort {
  readonly info: ChatModelInfo;

  constructor(private readonly model: vscode.LanguageModelChat) {
    this.info = { id: `${model.vendor}/${model.id}`, vendor: model.vendor, family: model.family, name: model.name || model.id, maxInputTokens: model.maxInputTokens };
  }

  async countTokens(text: string, signal: AbortSignal): Promise<number> {
    const source = tokenOf(signal);
    try {
      return await this.model.countTokens(text, source.token);
    } catch (err) {
      // A model that cannot count: about four characters a token.
      if (signal.aborted) throw modelErrorOf(err, true);
      return Math.ceil(text.length / 4);
    } finally {
      source.dispose();
    }
  }

  async send(messages: readonly ChatMessage[], options: { readonly signal: AbortSignal; readonly justification: string }): Promise<ChatAnswer> {
    const source = tokenOf(options.signal);
    try {
      const chat = messages.map((m) => (m.role === 'user' ? vscode.LanguageModelChatMessage.User(m.content) : vscode.LanguageModelChatMessage.Assistant(m.content)));
      const response = await this.model.sendRequest(chat, { justification: options.justification }, source.token);
      let text = '';
      for await (const piece of response.text) {
        if (options.signal.aborted) throw new ModelError('cancelled', 'the request was cancelled');
        text += piece;
      }
      return { text };
    } catch (err) {
      throw modelErrorOf(err, options.signal.aborted || source.token.isCancellationRequested);
    } finally {
      source.dispose();
    }
  }
}
