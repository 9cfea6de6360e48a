/**
 * A small data-loading hook: one loader per key, results kept while the key is in use,
 * and `invalidate(prefix)` reloads every mounted query whose key starts with it (live
 * events and actions call it); `publish(key, value)` hands mounted queries of that key a
 * value the caller already has (a save's answer is the story: no second request for it).
 * Enough for this app; no client-side cache library.
 */
import { useCallback, useEffect, useRef, useState } from "react";

interface Listener {
  reload: () => void;
  set: (value: unknown) => void;
}
const listeners = new Map<string, Set<Listener>>();

export function invalidate(prefix: string): void {
  for (const [key, set] of listeners) {
    if (key.startsWith(prefix)) set.forEach((listener) => listener.reload());
  }
}

/** The caller's fresh `value` for every mounted query of exactly `key`, without a load. */
export function publish<T>(key: string, value: T): void {
  listeners.get(key)?.forEach((listener) => listener.set(value));
}

export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

export function useQuery<T>(key: string | null, load: () => Promise<T>): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState<boolean>(key !== null);
  const loader = useRef(load);
  loader.current = load;
  const generation = useRef(0);

  const run = useCallback(() => {
    if (key === null) return;
    const mine = ++generation.current;
    setLoading(true);
    loader
      .current()
      .then((value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (mine !== generation.current) return;
        setError(reason instanceof Error ? reason : new Error(String(reason)));
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false);
      });
  }, [key]);

  useEffect(() => {
    if (key === null) return undefined;
    setData(undefined);
    run();
    let set = listeners.get(key);
    if (!set) {
      set = new Set();
      listeners.set(key, set);
    }
    const listener: Listener = {
      reload: run,
      set: (value) => {
        generation.current += 1; // a load in flight must not overwrite the fresher value
        setData(value as T);
        setError(null);
        setLoading(false);
      },
    };
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(key);
    };
  }, [key, run]);

  return { data, error, loading, reload: run };
}
