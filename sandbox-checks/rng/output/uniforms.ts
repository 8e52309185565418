/** u = w / 2³² ∈ [0, 1) for each 32-bit word. */
export function uniformsFromWords(words: Uint32Array): Float64Array {
  const u = new Float64Array(words.length);
  for (let i = 0; i < words.length; i++) u[i] = words[i]! / 4294967296;
  return u;
}
