/** Rank over GF(2) of a matrix whose rows are bit masks (bit c of row r is entry (r, c)); the rows are modified. */
export function gf2Rank(rows: Uint32Array, columns: number): number {
  let rank = 0;
  for (let column = columns - 1; column >= 0 && rank < rows.length; column--) {
    const mask = 1 << column;
    let pivot = -1;
    for (let r = rank; r < rows.length; r++) {
      if ((rows[r]! & mask) !== 0) {
        pivot = r;
        break;
      }
    }
    if (pivot < 0) continue;
    const pivotRow = rows[pivot]!;
    rows[pivot] = rows[rank]!;
    rows[rank] = pivotRow;
    for (let r = 0; r < rows.length; r++) if (r !== rank && (rows[r]! & mask) !== 0) rows[r] = rows[r]! ^ pivotRow;
    rank++;
  }
  return rank;
}
