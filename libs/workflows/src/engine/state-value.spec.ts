import { leafPaths, stateToString } from './state-value';

describe('stateToString', () => {
  it('names a simple state by itself and a nested one by its dot path', () => {
    expect(stateToString('screening')).toBe('screening');
    expect(stateToString({ lado: { tracks: 'open' } })).toBe('lado.tracks.open');
  });

  it('sorts and joins the leaves of parallel regions', () => {
    expect(
      stateToString({ tracks: { section47: 'closed', police: 'open', disciplinary: { hearing: 'set' } } }),
    ).toBe('tracks.disciplinary.hearing.set & tracks.police.open & tracks.section47.closed');
  });
});

describe('leafPaths', () => {
  it('keeps a region that has no child state as its own path', () => {
    expect(leafPaths({ intake: {} })).toEqual(['intake']);
    expect(leafPaths({ intake: { notes: undefined } })).toEqual(['intake.notes']);
  });

  it('gives nothing for an empty or absent value at the top, and prefixes what it is given', () => {
    expect(leafPaths({})).toEqual([]);
    expect(leafPaths(undefined)).toEqual([]);
    expect(leafPaths('open', 'tracks.police')).toEqual(['tracks.police.open']);
    expect(leafPaths({}, 'tracks')).toEqual(['tracks']);
    expect(leafPaths(null, 'tracks')).toEqual(['tracks']);
  });
});
