/**
 * The sandbox's own endpoints (not amoCRM's), so a test in another process (the CLI, an
 * end-to-end run) can edit the account and switch faults on. They need the per-start
 * control token, so nothing else on the machine can play with a running sandbox.
 * `GET /__sandbox/stats` tells requests received and refused with 429.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseContactPatch } from './contact-patch';
import type { SandboxContext } from './context';
import { parseFaultSpec } from './faults';
import { replyJson } from './http-replies';
import { SandboxNotFoundError } from './mutations';
import { readBody } from './request-body';

export async function serveControl(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext): Promise<void> {
  if (req.headers['x-sandbox-control'] !== ctx.controlToken) {
    replyJson(res, 403, { error: 'x-sandbox-control header missing or wrong' });
    return;
  }
  const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
  if (path === '/__sandbox/stats' && req.method === 'GET') {
    replyJson(res, 200, { received: ctx.receivedRequests(), rejected: ctx.gate.rejected() });
    return;
  }
  if (req.method !== 'POST') {
    replyJson(res, 405, { error: 'POST a JSON body' });
    return;
  }
  try {
    const body = await readBody(req);
    if (path === '/__sandbox/faults') replyJson(res, 200, faults(ctx, body));
    else if (path === '/__sandbox/mutate') replyJson(res, 200, mutate(ctx, body));
    else replyJson(res, 404, { error: `no control endpoint ${path}` });
  } catch (error) {
    const status = error instanceof SandboxNotFoundError ? 404 : 400;
    replyJson(res, status, { error: error instanceof Error ? error.message : String(error) });
  }
}

function faults(ctx: SandboxContext, body: Record<string, unknown>): object {
  if (body['clear'] === true) ctx.faults.clear();
  else if (body['unblock'] === true) ctx.gate.unblock();
  else ctx.faults.inject(parseFaultSpec(body));
  return { ok: true, pending: ctx.faults.pending(), blocked: ctx.gate.blocked() };
}

function mutate(ctx: SandboxContext, body: Record<string, unknown>): object {
  const id = body['id'];
  const needId = (): number => {
    if (typeof id !== 'number' || !Number.isInteger(id)) throw new TypeError('id must be an integer');
    return id;
  };
  const { mutations } = ctx;
  switch (body['op']) {
    case 'edit':
      return { contact: mutations.editContact(needId(), parseContactPatch(body['patch'])) };
    case 'add':
      return { contact: mutations.addContact(parseContactPatch(body['patch'])) };
    case 'delete':
      mutations.deleteContact(needId());
      return { ok: true };
    case 'restore':
      return { contact: mutations.restoreContact(needId()) };
    default:
      throw new TypeError('op must be edit, add, delete or restore');
  }
}
