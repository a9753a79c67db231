// `node --import ./test/cli/registerTs.mjs src/cli/bin.ts …`: see tsHooks.mjs.
import { register } from 'node:module';

register('./tsHooks.mjs', import.meta.url);
