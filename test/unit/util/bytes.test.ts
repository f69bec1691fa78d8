// bytesAt and bytesInclude: bytes compared and searched in place.
import assert from 'node:assert/strict';
import { bytesAt, bytesInclude } from '../../../src/util/bytes';

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
  it('bytesInclude: the needle within the range only, as bytes or text', () => {
    assert.equal(bytesInclude(src, 0, src.length, '"n":1'), true);
    assert.equal(bytesInclude(src, 0, 12, Buffer.from('"n"')), false, 'past the range');
    assert.equal(bytesInclude(src, 12, src.length, '"analyze"'), false, 'before the range');
    const view = new Uint8Array(src.buffer, src.byteOffset + 2, src.length - 2);
    assert.equal(bytesInclude(view, 0, view.length, 'analyze'), true, 'a view into a larger buffer');
    assert.equal(bytesInclude(view, 0, view.length, '{"analyze'), false, 'the view starts after the first brace');
  });
});
