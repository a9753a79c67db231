/** The compiled dispute machine follows a hand-written model on any command sequence. */
import { describe, it } from 'vitest';
import { compiledDispute } from '../../src/machines/index.js';
import { checkDisputeModel } from './disputeModel.js';

describe('dispute machine against a hand-written model', () => {
  it('follows the model on any command sequence', () => {
    checkDisputeModel(compiledDispute, 300);
  });
});
