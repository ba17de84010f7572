/**
 * The one door into the core for every face that receives untrusted input (IPC and
 * browser-mode HTTP): checks the verb, parses the input with its zod schema, runs the
 * handler, and always answers with an envelope. Unexpected exceptions are logged here and
 * cross the boundary only as INTERNAL with a short message: no stacks, no raw objects.
 */
import type { ApiHandlers } from '../../shared/api/contract';
import { apiInputSchemas } from '../../shared/api/schemas';
import { type ApiVerb, isApiVerb } from '../../shared/api/verbs';
import { AppError, type Envelope } from '../../shared/errors';

export type Dispatch = (verb: string, input: unknown) => Promise<Envelope<unknown>>;

export function createDispatcher(api: ApiHandlers, log: (message: string) => void = console.error): Dispatch {
  return async (verb, input) => {
    try {
      if (!isApiVerb(verb)) throw new AppError('INVALID_INPUT', `Unknown API verb "${String(verb).slice(0, 64)}"`);
      return { ok: true, value: await call(api, verb, input ?? {}) };
    } catch (error) {
      return { ok: false, error: toAppError(error, verb, log).toJSON() };
    }
  };
}

async function call<V extends ApiVerb>(api: ApiHandlers, verb: V, input: unknown): Promise<unknown> {
  const parsed = apiInputSchemas[verb].safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'input';
    throw new AppError('INVALID_INPUT', `Invalid ${where} for ${verb}: ${issue?.message ?? 'invalid'}`, {
      verb,
      field: where,
    });
  }
  const handler = api[verb] as (input: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

export function toAppError(error: unknown, verb: string, log: (message: string) => void): AppError {
  if (error instanceof AppError) return error;
  log(`[${verb}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new AppError('INTERNAL', `Something went wrong in ${verb.slice(0, 64)}; details are in the log`, {
    verb: verb.slice(0, 64),
  });
}
