import { describe, expect, it } from 'vitest';
import { encodeReply } from './encode-reply';

const buf = (s: string) => Buffer.from(s);

describe('encodeReply', () => {
  it('writes UTF-8 strings, exact integers and null without base64', () => {
    expect(encodeReply([buf('é\u0000'), '9007199254740993', null], false)).toBe('["é\\u0000",9007199254740993,null]');
  });

  it('base64-encodes strings at every depth but keeps a top-level OK', () => {
    expect(encodeReply(buf('OK'), true)).toBe('"OK"');
    expect(encodeReply([buf('OK'), [buf('a'), '-1']], true)).toBe('["T0s=",["YQ==",-1]]');
  });

  it('writes errors nested in arrays as their plain message', () => {
    expect(encodeReply([Object.assign(new Error('ERR boom'), { name: 'ReplyError' })], true)).toBe('["ERR boom"]');
  });
});
