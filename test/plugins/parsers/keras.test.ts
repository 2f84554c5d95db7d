import { describe, expect, it } from 'vitest';
import keras from '../../../plugins/parsers/keras.js';
import { parseAll } from './helpers.js';

describe('keras parser', () => {
  it('reads Keras 3 verbose=1 and verbose=2 epoch lines under the Epoch header', () => {
    const results = parseAll(keras, [
      'Epoch 3/10',
      '1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 1ms/step - accuracy: 0.8631 - loss: 0.4722 - val_accuracy: 0.9563 - val_loss: 0.1480',
      'Epoch 4/10',
      '1875/1875 - 3s - 2ms/step - accuracy: 0.9130 - loss: 1.0000e-04',
    ]);
    expect(results[0]).toEqual({ points: [], header: 3, progress: { done: 2, total: 10 } });
    expect(results[1]!.points).toEqual([
      { name: 'accuracy', step: 3, value: 0.8631 },
      { name: 'loss', step: 3, value: 0.4722 },
      { name: 'val_accuracy', step: 3, value: 0.9563 },
      { name: 'val_loss', step: 3, value: 0.148 },
    ]);
    expect(results[3]!.points).toEqual([
      { name: 'accuracy', step: 4, value: 0.913 },
      { name: 'loss', step: 4, value: 1e-4 },
    ]);
  });

  it('reads Keras 2 lines, skipping ETA and timings, and marks mid-epoch values in progress', () => {
    const results = parseAll(keras, [
      'Epoch 1/2',
      ' 128/1875 [=>............................] - ETA: 2s - loss: 0.6000 - accuracy: 0.8000',
      '1875/1875 [==============================] - 3s 1ms/step - loss: 0.2946 - accuracy: 0.9140',
      'Epoch 2/2',
      ' - 3s - loss: 0.2001 - acc: 0.9400',
    ]);
    expect(results[1]!.points).toEqual([
      { name: 'loss', step: 1, value: 0.6, inProgress: true },
      { name: 'accuracy', step: 1, value: 0.8, inProgress: true },
    ]);
    expect(results[2]!.points).toEqual([
      { name: 'loss', step: 1, value: 0.2946 },
      { name: 'accuracy', step: 1, value: 0.914 },
    ]);
    expect(results[4]!.points).toEqual([
      { name: 'loss', step: 2, value: 0.2001 },
      { name: 'acc', step: 2, value: 0.94 },
    ]);
  });

  it('names the values of model.evaluate after fit evaluate/…', () => {
    const results = parseAll(keras, [
      'Epoch 1/1',
      '10/10 [==============================] - 0s 1ms/step - loss: 0.5',
      '313/313 [==============================] - 0s 1ms/step - loss: 0.0787 - accuracy: 0.9755',
    ]);
    expect(results[2]!.points).toEqual([
      { name: 'evaluate/loss', step: null, value: 0.0787 },
      { name: 'evaluate/accuracy', step: null, value: 0.9755 },
    ]);
  });

  it('leaves other lines alone', () => {
    expect(parseAll(keras, ['Epoch 3 of 10', 'loss: 0.5 - acc: 0.9', '2024-01-01 - x: 3', '[10]\tvalid-rmse:0.3'])).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
