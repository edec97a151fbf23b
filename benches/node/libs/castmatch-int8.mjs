// CastMatch's index stored as int8 (what the product keeps for its rosters): the walk compares
// int8 codes, and the final candidates are ranked again at full precision from the f32 rows the
// module keeps. Otherwise as ./castmatch.mjs (same module, same build parameters).
import * as f32 from "./castmatch.mjs";
import { VectorIndex } from "../vector-index.mjs";

export const info = { ...f32.info, name: "castmatch-int8", build: `${f32.info.build}, int8 + f32 rescoring` };
export const { load, search, searchBelow, free } = f32;

export function build(ds) {
  const index = VectorIndex.build(ds.data, ds.dim, 16, 200, 64, 42, "int8");
  index.setLabels(ds.labels);
  return index;
}
