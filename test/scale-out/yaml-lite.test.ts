import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlDocuments } from './yaml-lite';

describe('yaml-lite', () => {
  it('reads the subset the compose file and manifests use', () => {
    const source = [
      '# comment',
      'name: demo   # trailing comment',
      'list:',
      '  - a',
      '  - key: 1',
      '    other: "two # not a comment"',
      'flow: { x: [1, "b", c], y: {} }',
      'flags: [no-new-privileges:true]',
      'seq:',
      '- 1.5',
      '- true',
      '- ~',
      'script: |',
      '  line one',
      '    indented',
      'quoted: \'it\'\'s\'',
    ].join('\n');

    expect(parseYaml(source)).toEqual({
      name: 'demo',
      list: ['a', { key: 1, other: 'two # not a comment' }],
      flow: { x: [1, 'b', 'c'], y: {} },
      flags: ['no-new-privileges:true'],
      seq: [1.5, true, null],
      script: 'line one\n  indented\n',
      quoted: "it's",
    });
  });

  it('splits documents and refuses what it does not implement', () => {
    expect(parseYamlDocuments('a: 1\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => parseYaml('a: &x 1\nb: *x\n')).toThrow(/anchors/);
    expect(() => parseYaml('base: {}\nc:\n  <<: {}\n')).toThrow(/merge keys/);
  });
});
