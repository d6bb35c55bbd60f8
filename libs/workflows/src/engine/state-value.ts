/**
 * One canonical string for a state value, for the indexed `state` column: leaf paths joined by
 * dots, parallel regions sorted and joined by ' & '. {lado: {tracks: {police: 'open', s47: 'closed'}}}
 * → 'lado.tracks.police.open & lado.tracks.s47.closed'.
 */
export function stateToString(value: unknown): string {
  return leafPaths(value).sort().join(' & ');
}

export function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [prefix] : [];
    return entries.flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
  }
  return prefix ? [prefix] : [];
}
