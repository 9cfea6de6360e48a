/**
 * A small data-loading hook: one loader per key, results kept while the key is in use,
 * and `invalidate(prefix)` reloads every mounted query whose key starts with it (live
 * events and actions call it). Enough for this app; no client-side cache library.
 */
import { useCallback, useEffect, useRef, useState } from "react";

type Listener = () => void;
const listeners = new Map<string, Set<Listener>>();

export function invalidate(prefix: string): void {
  for (const [key, set] of listeners) {
    if (key.startsWith(prefix)) set.forEach((listener) => listener());
  }
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
    set.add(run);
    return () => {
      set.delete(run);
      if (set.size === 0) listeners.delete(key);
    };
  }, [key, run]);

  return { data, error, loading, reload: run };
}
