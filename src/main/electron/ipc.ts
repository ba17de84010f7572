/**
 * Serving the typed API over IPC: one helper registers every verb, each handler checks
 * that the message comes from our own page before parsing its input with the shared
 * schema (the dispatcher), and answers with an `{ok, value | error}` envelope.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { type ApiVerb, apiVerbs } from '../../shared/api/verbs';
import { AppError } from '../../shared/errors';
import { ipcChannelFor, ipcEventChannel } from '../../shared/ipc-channels';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../lib/event-bus';

export function registerIpcApi(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedSender: (frameUrl: string | undefined) => boolean,
): () => void {
  const channels = apiVerbs.map((verb: ApiVerb) => {
    const channel = ipcChannelFor(verb);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return { ok: false, error: new AppError('FORBIDDEN', 'This window may not use the app API').toJSON() };
      }
      return dispatch(verb, input);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Forwards core events to a window for as long as it lives. */
export function forwardEvents(events: EventBus, contents: WebContents): () => void {
  const stop = events.onAny((event) => {
    if (!contents.isDestroyed()) contents.send(ipcEventChannel, event);
  });
  contents.once('destroyed', stop);
  return stop;
}
