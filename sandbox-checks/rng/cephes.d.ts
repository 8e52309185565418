// The cephes package ships index.d.ts but its "exports" map has no "types" entry, so TypeScript under nodenext
// cannot find it; this declares the part Greenlight uses.
declare module 'cephes' {
  const cephes: {
    compiled: Promise<void>;
    igamc(a: number, x: number): number;
    erfc(x: number): number;
    ndtr(x: number): number;
    ndtri(p: number): number;
  };
  export default cephes;
}
