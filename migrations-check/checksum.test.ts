import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { combinedChecksum, flywayChecksum } from './checksum.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('flywayChecksum', () => {
  test('known values: CRC-32 check value and signed 32-bit result', () => {
    expect(flywayChecksum(bytes('123456789'))).toBe(-873187034); // 0xCBF43926 as Java int
    expect(flywayChecksum(bytes('123456789\n'))).toBe(-873187034);
    expect(flywayChecksum(bytes('abc'))).toBe(891568578); // 0x352441C2
    expect(flywayChecksum(bytes(''))).toBe(0);
    expect(flywayChecksum(bytes('\n\n'))).toBe(0);
  });

  test('is CRC-32 over the lines without terminators', () => {
    const expected = crc32('CREATE TABLE t (id int);', crc32('-- first')) | 0;
    expect(flywayChecksum(bytes('-- first\nCREATE TABLE t (id int);\n'))).toBe(expected);
  });

  const lf = 'CREATE TABLE player (\n  id bigint PRIMARY KEY,\n  name text\n);\n';
  test.each([
    ['CRLF', bytes(lf.replaceAll('\n', '\r\n'))],
    ['CR', bytes(lf.replaceAll('\n', '\r'))],
    ['BOM + LF', Buffer.concat([BOM, bytes(lf)])],
    ['BOM + CRLF', Buffer.concat([BOM, bytes(lf.replaceAll('\n', '\r\n'))])],
    ['no final newline', bytes(lf.trimEnd())],
    ['blank lines added', bytes(lf.replaceAll('\n', '\n\n'))],
    ['mixed terminators', bytes('CREATE TABLE player (\r\n  id bigint PRIMARY KEY,\r  name text\n);')],
  ])('%s equals LF', (_, variant) => {
    expect(flywayChecksum(variant)).toBe(flywayChecksum(bytes(lf)));
  });

  test('Flyway test: "abc\\ndef efg\\nxyz" equals "abc\\r\\ndef efg\\nxyz\\r\\n"', () => {
    expect(flywayChecksum(bytes('abc\ndef efg\nxyz'))).toBe(flywayChecksum(bytes('abc\r\ndef efg\nxyz\r\n')));
  });

  test('joining lines does not change it, trailing spaces and a BOM mid-file do', () => {
    expect(flywayChecksum(bytes('SELECT 1;\nSELECT 2;'))).toBe(flywayChecksum(bytes('SELECT 1;SELECT 2;')));
    expect(flywayChecksum(bytes('SELECT 1; \n'))).not.toBe(flywayChecksum(bytes('SELECT 1;\n')));
    expect(flywayChecksum(Buffer.concat([bytes('SELECT 1;\n'), BOM, bytes('SELECT 2;')]))).not.toBe(flywayChecksum(bytes('SELECT 1;\nSELECT 2;')));
  });

  test('non-ASCII text is checksummed as UTF-8', () => {
    expect(flywayChecksum(bytes('-- Spieler größe\n'))).toBe(crc32(bytes('-- Spieler größe')) | 0);
  });

  test('rejects bytes that are not UTF-8', () => {
    expect(() => flywayChecksum(Buffer.from([0x53, 0xff, 0x0a]))).toThrow(/not valid UTF-8/);
  });
});

test('combinedChecksum is CRC-32 of big-endian ints', () => {
  const buffer = Buffer.alloc(8);
  buffer.writeInt32BE(-873187034, 0);
  buffer.writeInt32BE(891568578, 4);
  expect(combinedChecksum([-873187034, 891568578])).toBe(crc32(buffer) | 0);
});
