/**
 * Every command makes its Engine here, so that the key files and PPP credentials the settings name
 * are read before the first packet: a bad key file stops the run with one clear line
 * (KeyFileError, PppCredentialError) instead of silently decrypting nothing.
 */
import { Engine, type EngineOptions } from './core/engine.js';
import { prepareDecryption } from './decrypt/setup.js';

export function createEngine(opts: EngineOptions): Engine {
  const engine = new Engine(opts);
  prepareDecryption(engine);
  return engine;
}
