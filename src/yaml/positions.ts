import type { SourcePos } from '../errors.js';

// Plain JS values cannot carry their source position, so the loader keeps a side table:
// for every parsed mapping/sequence, where it starts and where each key and value starts.
// Scalars are looked up through their parent container and key.

export interface NodePositions {
  self: SourcePos;
  /** Mapping keys: where the key itself is written. */
  keys: Map<string, SourcePos>;
  /** Mapping values or sequence items. */
  values: Map<string | number, SourcePos>;
}

const table = new WeakMap<object, NodePositions>();

export function recordPositions(container: object, positions: NodePositions): void {
  if (!table.has(container)) table.set(container, positions);
}

/**
 * Where `container` (or its `key`: a mapping key or a sequence index) was written.
 * For a mapping key this is the key's position, which is where error messages point.
 */
export function positionOf(container: unknown, key?: string | number): SourcePos | undefined {
  if (typeof container !== 'object' || container === null) return undefined;
  const entry = table.get(container);
  if (!entry) return undefined;
  if (key === undefined) return entry.self;
  return (typeof key === 'string' ? entry.keys.get(key) : undefined) ?? entry.values.get(key);
}

/** Where the VALUE of `key` in `container` was written (falls back to the key's position). */
export function valuePositionOf(container: unknown, key: string | number): SourcePos | undefined {
  if (typeof container !== 'object' || container === null) return undefined;
  const entry = table.get(container);
  return entry?.values.get(key) ?? positionOf(container, key);
}

/** positionOf with a fallback, for callers that must name a place. */
export function whereOf(container: unknown, key: string | number | undefined, fallback: SourcePos): SourcePos {
  return positionOf(container, key) ?? fallback;
}
