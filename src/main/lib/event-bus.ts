/** A typed publish/subscribe for the core's events; every face subscribes to the same bus. */
import type { ApiEvent, ApiEventOf, ApiEventType, Unsubscribe } from '../../shared/api/events';

export interface EventBus {
  emit(event: ApiEvent): void;
  on<T extends ApiEventType>(type: T, listener: (event: ApiEventOf<T>) => void): Unsubscribe;
  onAny(listener: (event: ApiEvent) => void): Unsubscribe;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: ApiEvent) => void>();
  const onAny = (listener: (event: ApiEvent) => void): Unsubscribe => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One broken subscriber (a closed socket, say) must not stop the others.
        }
      }
    },
    on(type, listener) {
      return onAny((event) => {
        if (event.type === type) listener(event as ApiEventOf<typeof type>);
      });
    },
    onAny,
  };
}
