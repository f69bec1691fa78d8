// bytesAt: bytes compared in place, at an offset.
import assert from 'node:assert/strict';
import { bytesAt } from '../../../src/util/bytes';

describe('bytesAt', () => {
  const src = Buffer.from('{"analyze":{"n":1}}');
  it('true where the bytes are, at any offset; false where one differs', () => {
    assert.equal(bytesAt(src, 0, Buffer.from('{"analyze":')), true);
    assert.equal(bytesAt(src, 12, Buffer.from('"n"')), true);
    assert.equal(bytesAt(src, 0, Buffer.from('{"analyzf":')), false, 'the last byte differs');
    assert.equal(bytesAt(src, 1, Buffer.from('{"analyze":')), false, 'one byte off');
  });
  it('nothing to compare is there; bytes past the end are not', () => {
    assert.equal(bytesAt(src, 5, Buffer.alloc(0)), true);
    assert.equal(bytesAt(src, src.length - 1, Buffer.from('}}')), false);
  });
});
