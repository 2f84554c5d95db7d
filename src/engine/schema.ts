/**
 * Two helpers for the shapes the engine declares with valibot (the control protocol's client
 * messages, the replay curves file): objects whose every error names the field, and the path of an
 * issue as the messages write it.
 */
import * as v from 'valibot';

/**
 * An object rebuilt from its declared fields only. A missing field gets the message its own schema
 * gives for nothing (valibot would report it on the object, with the object's message).
 */
export function knownFields<E extends v.ObjectEntries>(entries: E) {
  return v.object(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    const own =
      typeof key === 'string' && Object.hasOwn(entries, key)
        ? v.safeParse(entries[key], undefined, { abortEarly: true }).issues?.[0].message
        : undefined;
    return own ?? `expected an object with ${Object.keys(entries).join(', ')}`;
  });
}

/** `trials[0].values["3"]`: indexes in brackets, names after dots, other keys quoted. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    if (typeof key === 'number') path += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}
