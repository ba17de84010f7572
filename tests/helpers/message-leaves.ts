/** A message tree's strings by their dotted path ("handoff.delivered_one" -> "…"), for the i18n tests. */
export function messageLeaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(path, child);
    else for (const [k, v] of messageLeaves(child, path)) out.set(k, v);
  }
  return out;
}
