// A step's result stored as what it changed in the conversation, not as the whole conversation. A turn's
// steps each hand on a conversation of about 2 KB and most change a field or two of it (the policy step its
// decision, the reply step the time of the reply): storing each whole wrote one 4 KB page a step. A retried
// turn rebuilds each step's conversation from the one before it, in order, so a patch always lands on the
// conversation it was made against.

/** The stored form of a patch: an object no conversation is (a conversation has no `$patch`). */
export interface StoredPatch {
  $patch: Patch;
}

/**
 * Per changed key: the new value, `{ $unset: 1 }` for a key removed, `{ $in: … }` for an object changed inside,
 * or `{ $push: [...] }` for a list that grew at its end (a transcript, a history).
 */
type Patch = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What `after` changed in `before`, or undefined when nothing did. Steps build new objects and keep the parts
 * they did not touch, so an untouched part is the same object and costs nothing to compare; a part rebuilt
 * equal is told by its JSON.
 */
export function stepPatch(before: object, after: object): Patch | undefined {
  const patch: Patch = {};
  let changed = false;
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  for (const [key, value] of Object.entries(is)) {
    const previous = was[key];
    if (value === previous || value === undefined) continue;
    if (isPlainObject(value) && isPlainObject(previous)) {
      const inner = stepPatch(previous, value);
      if (inner === undefined) continue;
      patch[key] = { $in: inner };
    } else if (grewAtItsEnd(previous, value)) {
      patch[key] = { $push: (value as unknown[]).slice((previous as unknown[]).length) };
    } else {
      if (JSON.stringify(value) === JSON.stringify(previous)) continue;
      patch[key] = value;
    }
    changed = true;
  }
  for (const [key, value] of Object.entries(was)) {
    if (value === undefined || is[key] !== undefined) continue;
    patch[key] = { $unset: 1 };
    changed = true;
  }
  return changed ? patch : undefined;
}

/** Whether `after` is `before` with items added at its end (the items before them the same, or equal). */
function grewAtItsEnd(before: unknown, after: unknown): boolean {
  if (!Array.isArray(before) || !Array.isArray(after) || after.length <= before.length) return false;
  return before.every((item, i) => item === after[i] || JSON.stringify(item) === JSON.stringify(after[i]));
}

export function isStoredPatch(value: unknown): value is StoredPatch {
  return isPlainObject(value) && isPlainObject(value.$patch);
}

/** `before` with `patch` applied: new objects along the changed paths, the rest shared. */
export function applyStepPatch(before: object, patch: Patch): Record<string, unknown> {
  const was = before as Record<string, unknown>;
  const after: Record<string, unknown> = { ...was };
  for (const [key, change] of Object.entries(patch)) {
    if (isPlainObject(change) && change.$unset === 1) delete after[key];
    else if (isPlainObject(change) && Array.isArray(change.$push)) {
      const list = was[key];
      after[key] = [...(Array.isArray(list) ? list : []), ...change.$push];
    } else if (isPlainObject(change) && isPlainObject(change.$in)) {
      const inner = was[key];
      after[key] = applyStepPatch(isPlainObject(inner) ? inner : {}, change.$in);
    } else after[key] = change;
  }
  return after;
}
