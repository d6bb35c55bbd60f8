import { DomainError } from '@app/workflows';
import { RequestValidationException } from '../http/problem-details.filter';
import { parseManifest } from './version-upload';

const fieldsOf = (raw: unknown): string[] => {
  try {
    parseManifest(raw);
  } catch (error) {
    if (error instanceof RequestValidationException) return error.fieldErrors.map((e) => e.field);
    if (error instanceof DomainError)
      return ((error.extensions as { errors: { field: string }[] }).errors ?? []).map((e) => e.field);
    throw error;
  }
  return [];
};

describe('parseManifest', () => {
  it('takes new parts naming their file and parts carried by id, as the JSON body’s parts', () => {
    const manifest = parseManifest(
      JSON.stringify({
        parts: [
          { kind: 'main', file: 'part0' },
          { kind: 'excluded-section', sectionId: 's-1', file: 'section' },
          { partId: 'p-1' },
        ],
      }),
    );
    expect(manifest.parts.map((p) => p.file ?? p.partId)).toEqual(['part0', 'section', 'p-1']);
  });

  it.each([
    ['not text', undefined, ['manifest']],
    ['two manifest fields', ['{}', '{}'], ['manifest']],
    ['not JSON', '{parts:', ['manifest']],
    ['an array', '[]', ['manifest']],
    ['no parts', '{"parts":[]}', ['manifest.parts']],
    ['an unknown field', '{"parts":[{"kind":"main","file":"f"}],"x":1}', ['manifest.x']],
    ['a kind not uploaded', '{"parts":[{"kind":"report","file":"f"}]}', ['manifest.parts.0.kind']],
    [
      'base64 in place of a file',
      '{"parts":[{"kind":"main","content":"JVBERi0="}]}',
      ['manifest.parts.0.content', 'manifest.parts.0.file'],
    ],
    [
      'a file field that is not a name',
      '{"parts":[{"kind":"main","file":"../x"}]}',
      ['manifest.parts.0.file'],
    ],
    [
      'two parts naming one file',
      '{"parts":[{"kind":"main","file":"f"},{"kind":"excluded-section","sectionId":"s","file":"f"}]}',
      ['manifest.parts.1.file'],
    ],
    [
      'more than 40 parts',
      JSON.stringify({ parts: Array.from({ length: 41 }, (_, i) => ({ kind: 'main', file: `f${i}` })) }),
      ['manifest.parts'],
    ],
  ])('refuses %s, naming the field and never the value', (_what, raw, fields) => {
    expect(fieldsOf(raw).sort()).toEqual([...fields].sort());
  });
});
