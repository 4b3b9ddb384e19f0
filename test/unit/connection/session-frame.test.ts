import { describe, expect, it } from 'vitest';
import { TrailerScanner, partialMarkerLength } from '../../../src/connection/session-frame.js';

// The trailer scanner alone: output passes through byte for byte, the marker may arrive split
// across chunks, and nothing but a possible beginning of the marker is ever held back.

const MARKER = Buffer.from('CLAW-END-0123456789abcdef');

function scanner() {
  const delivered: Buffer[] = [];
  const scan = new TrailerScanner(MARKER, (chunk) => delivered.push(Buffer.from(chunk)));
  return { scan, delivered, text: () => Buffer.concat(delivered).toString('latin1') };
}

describe('TrailerScanner', () => {
  it('passes output on and finds a trailer split over several chunks', () => {
    const { scan, text } = scanner();
    expect(scan.push(Buffer.from('hello\nCLAW-E'))).toBeUndefined();
    expect(text()).toBe('hello\n');
    expect(scan.push(Buffer.from('ND-0123456789ab'))).toBeUndefined();
    expect(scan.push(Buffer.from('cdef:1'))).toBeUndefined();
    expect(scan.push(Buffer.from('7\n'))).toEqual({ tail: ':17', extra: Buffer.alloc(0) });
    expect(text()).toBe('hello\n');
  });

  it('releases held bytes that turn out not to be the marker, and keeps binary bytes intact', () => {
    const { scan, delivered } = scanner();
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    scan.push(Buffer.concat([binary, Buffer.from('CLAW-END-0123')]));
    scan.push(Buffer.from('XCLAW-END-0123456789abcdeE'));
    const result = scan.push(Buffer.concat([MARKER, Buffer.from('\nleftover')]));
    expect(result).toEqual({ tail: '', extra: Buffer.from('leftover') });
    expect(Buffer.concat(delivered).equals(Buffer.concat([binary, Buffer.from('CLAW-END-0123XCLAW-END-0123456789abcdeE')]))).toBe(true);
  });

  it('does not end at a marker with another nonce', () => {
    const { scan, text } = scanner();
    expect(scan.push(Buffer.from('CLAW-END-ffffffffffffffff:0\n'))).toBeUndefined();
    expect(text()).toBe('CLAW-END-ffffffffffffffff:0\n');
  });

  it('holds back only what could begin the marker, so lines stream at once', () => {
    expect(partialMarkerLength(Buffer.from('progress 10%\n'), MARKER)).toBe(0);
    expect(partialMarkerLength(Buffer.from('abcCLA'), MARKER)).toBe(3);
    expect(partialMarkerLength(Buffer.from('C'), MARKER)).toBe(1);
    expect(partialMarkerLength(Buffer.from('CLAW-END-0123456789abcde'), MARKER)).toBe(MARKER.length - 1);
    const { scan, text } = scanner();
    scan.push(Buffer.from('tail CL'));
    expect(text()).toBe('tail ');
    scan.flush();
    expect(text()).toBe('tail CL');
  });
});
