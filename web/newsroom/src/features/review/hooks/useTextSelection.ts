/**
 * Comments anchor to a passage by its character offsets in the rendered body's text
 * (plus the quoted words, so a reader can still see what was meant if the text moves).
 */
import { type RefObject, useCallback, useEffect, useState } from "react";

export interface Passage {
  quote: string;
  start: number;
  end: number;
}

function offsetWithin(container: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

export function useTextSelection(container: RefObject<HTMLElement | null>): {
  passage: Passage | null;
  clear: () => void;
} {
  const [passage, setPassage] = useState<Passage | null>(null);
  useEffect(() => {
    const onChange = (): void => {
      const root = container.current;
      const selection = document.getSelection();
      if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
      const quote = range.toString();
      if (!quote.trim()) return;
      setPassage({
        quote,
        start: offsetWithin(root, range.startContainer, range.startOffset),
        end: offsetWithin(root, range.endContainer, range.endOffset),
      });
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [container]);
  const clear = useCallback(() => setPassage(null), []);
  return { passage, clear };
}

/** A DOM range covering text offsets [start, end) of `root`, or null if out of bounds. */
export function rangeAt(root: HTMLElement, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let range: Range | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (range === null && start <= seen + length) {
      range = document.createRange();
      range.setStart(node, start - seen);
    }
    if (range !== null && end <= seen + length) {
      range.setEnd(node, end - seen);
      return range;
    }
    seen += length;
  }
  return null;
}
