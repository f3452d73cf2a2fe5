import { useSyncExternalStore } from 'react';

/** Whether the API last answered 503 (or not at all): the retry banner shows while it is down. */
let down = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const availability = {
  down() {
    if (!down) {
      down = true;
      emit();
    }
  },
  up() {
    if (down) {
      down = false;
      emit();
    }
  },
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  isDown: () => down,
};

export function useApiDown(): boolean {
  return useSyncExternalStore(availability.subscribe, availability.isDown);
}
