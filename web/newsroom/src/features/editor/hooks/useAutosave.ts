/**
 * Autosave: every change is kept in localStorage at once (a reload or a crash loses
 * nothing), and sent to the gateway after a pause in typing, never in the middle of an
 * IME composition. Autosaves are marked as such, so the content service folds one
 * sitting's saves into one working revision (the history is not flooded); an explicit
 * save ends the sitting. A save names the revision and the save `version` it was based
 * on; when anyone (another person, or this person in another tab) saved in between, the
 * gateway answers 409 REVISION_CONFLICT and the editor shows both versions instead of
 * overwriting either.
 */
import { useCallback, useEffect, useRef, useState } from "react";

import { fieldsOf, getStory, saveStory } from "@/features/stories/api/stories";
import { ApiProblem, type Story, type StoryFields } from "@/lib/api";
import { measureSince } from "@/lib/perf";
import { publish } from "@/lib/query";

export type SaveKind = "auto" | "explicit";

export type SaveState =
  | { kind: "clean" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date; revision: number }
  | { kind: "error"; error: Error }
  | { kind: "conflict"; theirs: Story; mine: StoryFields };

interface LocalDraft {
  baseRevision: number;
  /** The story's save counter the draft is based on (absent in drafts of older builds). */
  baseVersion?: number;
  fields: StoryFields;
  changedAt: string;
}

interface Base {
  revision: number;
  version: number;
  fields: StoryFields;
}

export const AUTOSAVE_DELAY_MS = 1200;

const draftKey = (tenant: string, id: string): string => `newsroom.draft.${tenant}.${id}`;
const recoveredKey = (tenant: string, id: string): string => `newsroom.recovered.${tenant}.${id}`;

export function sameFields(a: StoryFields, b: StoryFields): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function readDraft(tenant: string, id: string): LocalDraft | null {
  const raw = localStorage.getItem(draftKey(tenant, id));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LocalDraft;
  } catch {
    return null;
  }
}

interface StartingPoint {
  serverFields: StoryFields;
  draft: LocalDraft | null;
  startFromDraft: boolean;
  initialConflict: { kind: "conflict"; theirs: Story; mine: StoryFields } | null;
}

/** The server's fields, and this browser's unsaved draft when it differs (a conflict when
 * somebody saved since the draft's base). */
function startingPoint(tenant: string, initial: Story): StartingPoint {
  const serverFields = fieldsOf(initial);
  const draft = readDraft(tenant, initial.id);
  const startFromDraft = draft !== null && !sameFields(draft.fields, serverFields);
  const draftIsStale =
    draft !== null &&
    (draft.baseRevision !== initial.current_revision ||
      (draft.baseVersion !== undefined && draft.baseVersion !== initial.version));
  const initialConflict =
    startFromDraft && draftIsStale ? ({ kind: "conflict", theirs: initial, mine: draft.fields } as const) : null;
  return { serverFields, draft, startFromDraft, initialConflict };
}

export interface Autosave {
  fields: StoryFields;
  /** What the editor should show after a reload or a conflict resolution. */
  bodyVersion: number;
  state: SaveState;
  /** The revision the editor's content is based on (read after an await, not at render). */
  currentRevision: () => number;
  update: (patch: Partial<StoryFields>) => void;
  saveNow: (kind?: SaveKind) => Promise<void>;
  setComposing: (composing: boolean) => void;
  keepMine: () => Promise<void>;
  takeTheirs: () => void;
  recovered: StoryFields | null;
  restoreRecovered: () => void;
}

export function useAutosave(tenant: string, initial: Story): Autosave {
  // Where the editor starts, decided once per mount: every keystroke renders this hook
  // again, and re-reading a 5,000-word draft from localStorage each time blocks typing.
  const [start] = useState(() => startingPoint(tenant, initial));
  const { serverFields, draft, startFromDraft, initialConflict } = start;
  const [fields, setFields] = useState<StoryFields>(
    startFromDraft && !initialConflict && draft ? draft.fields : serverFields,
  );
  const [state, setState] = useState<SaveState>(
    initialConflict ?? (startFromDraft ? { kind: "dirty" } : { kind: "clean" }),
  );
  const [bodyVersion, setBodyVersion] = useState(0);
  const [recovered, setRecovered] = useState<StoryFields | null>(() => {
    const raw = localStorage.getItem(recoveredKey(tenant, initial.id));
    return raw ? (JSON.parse(raw) as StoryFields) : null;
  });

  const fieldsRef = useRef(fields);
  const base = useRef<Base>({
    revision: initial.current_revision,
    version: initial.version,
    fields: serverFields,
  });
  const timer = useRef<number | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const composing = useRef(false);
  const conflicted = useRef(initialConflict !== null);

  const persistDraft = useCallback(
    (next: StoryFields) => {
      if (sameFields(next, base.current.fields)) {
        localStorage.removeItem(draftKey(tenant, initial.id));
        return;
      }
      const record: LocalDraft = {
        baseRevision: base.current.revision,
        baseVersion: base.current.version,
        fields: next,
        changedAt: new Date().toISOString(),
      };
      localStorage.setItem(draftKey(tenant, initial.id), JSON.stringify(record));
    },
    [tenant, initial.id],
  );

  const send = useCallback(
    async (kind: SaveKind, expected: Omit<Base, "fields">, note = ""): Promise<void> => {
      const sending = fieldsRef.current;
      setState({ kind: "saving" });
      const started = performance.now();
      try {
        const saved = await saveStory(tenant, initial.id, {
          ...sending,
          expected_revision: expected.revision,
          expected_version: expected.version,
          autosave: kind === "auto",
          note,
        });
        measureSince("autosave", started);
        base.current = {
          revision: saved.current_revision,
          version: saved.version,
          fields: sending,
        };
        persistDraft(fieldsRef.current);
        // Screens that show the story (and this editor when it mounts again) get the
        // saved story from the answer itself: no second request for a 5,000-word body.
        publish(`story:${tenant}:${initial.id}`, saved);
        setState(
          sameFields(fieldsRef.current, sending)
            ? { kind: "saved", at: new Date(), revision: saved.current_revision }
            : { kind: "dirty" },
        );
      } catch (error) {
        if (error instanceof ApiProblem && error.reason === "REVISION_CONFLICT") {
          conflicted.current = true;
          const theirs = await getStory(tenant, initial.id);
          setState({ kind: "conflict", theirs, mine: fieldsRef.current });
        } else {
          setState({ kind: "error", error: error as Error });
        }
      }
    },
    [tenant, initial.id, persistDraft],
  );

  const saveNow = useCallback(
    async (kind: SaveKind = "explicit"): Promise<void> => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      if (conflicted.current) return;
      while (inFlight.current) await inFlight.current;
      if (sameFields(fieldsRef.current, base.current.fields)) {
        if (kind === "explicit") {
          setState({ kind: "saved", at: new Date(), revision: base.current.revision });
        }
        return;
      }
      const run = send(kind, base.current);
      inFlight.current = run;
      try {
        await run;
      } finally {
        inFlight.current = null;
      }
    },
    [send],
  );

  const schedule = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      if (composing.current) return; // compositionend schedules again
      void saveNow("auto");
    }, AUTOSAVE_DELAY_MS);
  }, [saveNow]);

  const update = useCallback(
    (patch: Partial<StoryFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      persistDraft(next);
      if (conflicted.current) return;
      setState({ kind: "dirty" });
      schedule();
    },
    [persistDraft, schedule],
  );

  const setComposing = useCallback(
    (value: boolean) => {
      composing.current = value;
      if (!value && !sameFields(fieldsRef.current, base.current.fields)) schedule();
    },
    [schedule],
  );

  /** Mine becomes the newest revision; theirs stays in the history just before it. */
  const keepMine = useCallback(async (): Promise<void> => {
    if (state.kind !== "conflict") return;
    conflicted.current = false;
    fieldsRef.current = state.mine;
    setFields(state.mine);
    await send(
      "explicit",
      { revision: state.theirs.current_revision, version: state.theirs.version },
      "conflict: kept mine",
    );
  }, [send, state]);

  /** Theirs is loaded; mine is kept aside (restorable) so nothing typed is lost. */
  const takeTheirs = useCallback((): void => {
    if (state.kind !== "conflict") return;
    localStorage.setItem(recoveredKey(tenant, initial.id), JSON.stringify(state.mine));
    setRecovered(state.mine);
    const theirs = fieldsOf(state.theirs);
    base.current = {
      revision: state.theirs.current_revision,
      version: state.theirs.version,
      fields: theirs,
    };
    fieldsRef.current = theirs;
    conflicted.current = false;
    setFields(theirs);
    persistDraft(theirs);
    setBodyVersion((v) => v + 1);
    setState({ kind: "clean" });
  }, [state, tenant, initial.id, persistDraft]);

  const restoreRecovered = useCallback((): void => {
    if (!recovered) return;
    localStorage.removeItem(recoveredKey(tenant, initial.id));
    setRecovered(null);
    update(recovered);
    setBodyVersion((v) => v + 1);
  }, [recovered, tenant, initial.id, update]);

  useEffect(() => {
    if (state.kind === "dirty" && timer.current === null && inFlight.current === null) schedule();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount (restored draft)
  }, []);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  return {
    fields,
    bodyVersion,
    state,
    currentRevision: () => base.current.revision,
    update,
    saveNow,
    setComposing,
    keepMine,
    takeTheirs,
    recovered,
    restoreRecovered,
  };
}
