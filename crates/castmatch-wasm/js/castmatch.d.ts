// The package's main entry: the wasm module's bindings and the model loading around `init`.
export * from './castmatch_wasm.js';
import type { InitInput, InitOutput, SyncInitInput } from './castmatch_wasm.js';

/** The model file beside the package (its name carries its checksum). */
export const MODEL_FILE: string;

/** Where the model comes from: bytes, a URL, or `false` for none (structured ranking only). */
export type ModelSource = Uint8Array | URL | string | false;

/**
 * Loads the wasm modules and the sentence-embedding model (by default `MODEL_FILE` beside the
 * package, kept in the Cache API after the first visit). A model that fails to load is reported
 * on the console; ranking is then structured only and `modelChecksum()` undefined.
 */
export default function init(
  options?: { module_or_path?: InitInput | Promise<InitInput>; model?: ModelSource } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/**
 * Synchronous init. In Node the model and the text module beside the package are read unless
 * `model` (the model file's bytes, or `false`) and `text` (the text module's .wasm) say otherwise.
 */
export function initSync(
  options: { module: SyncInitInput; model?: Uint8Array | false; text?: SyncInitInput } | SyncInitInput,
): InitOutput;

/**
 * Loads the text module and the model (as for `init`) and hands its reader to a module's
 * `useTextModel` (the roster module's, in a worker), so rosters are embedded where they are built.
 */
export function attachTextModel(
  use: (checksum: number, dim: number, read?: Function | null) => void,
  model?: ModelSource,
): Promise<void>;
