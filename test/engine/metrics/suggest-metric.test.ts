import { describe, expect, it } from 'vitest';
import { missingMetricMessage, suggestMetric } from '../../../src/engine/metrics/suggest-metric.js';

describe('missingMetricMessage', () => {
  it('lists the names seen, most frequent first, and guesses the shortened name', () => {
    const seen = ['loss', 'val_loss', 'val_accuracy', 'val_loss', 'val_accuracy', 'val_accuracy'];
    expect(missingMetricMessage('val_acc', seen)).toBe(
      "metric 'val_acc' was never reported; seen: val_accuracy, val_loss, loss — did you mean 'val_accuracy'?",
    );
  });

  it('leaves the guess out when nothing is close, and says when nothing was seen', () => {
    expect(missingMetricMessage('perplexity', ['loss', 'lr'])).toBe("metric 'perplexity' was never reported; seen: loss, lr");
    expect(missingMetricMessage('loss', [])).toBe("metric 'loss' was never reported; seen: none");
  });

  it('lists eight names and counts the rest', () => {
    const seen = Array.from({ length: 11 }, (_, i) => `metric_${i}`);
    expect(missingMetricMessage('zzz', seen)).toBe(`metric 'zzz' was never reported; seen: ${seen.slice(0, 8).join(', ')}, … (3 more)`);
  });
});

describe('suggestMetric', () => {
  it('prefers the same name in another case, then a summary of it, then a longer or shorter name, then a near spelling', () => {
    expect(suggestMetric('val_accuracy', ['val_acc', 'Val_Accuracy'])).toBe('Val_Accuracy');
    expect(suggestMetric('accuracy', ['accuracy_top5', 'std/accuracy', 'final/accuracy', 'mean/accuracy'])).toBe('mean/accuracy');
    expect(suggestMetric('accuracy', ['accuracy_top5', 'std/accuracy'])).toBe('std/accuracy');
    expect(suggestMetric('val_accuracy', ['val_loss', 'val_acc'])).toBe('val_acc');
    expect(suggestMetric('acc', ['loss', 'final/accuracy'])).toBe('final/accuracy');
    expect(suggestMetric('val_los', ['loss', 'val_loss'])).toBe('val_loss');
    expect(suggestMetric('vall_loss', ['loss', 'val_loss'])).toBe('val_loss');
  });

  it('among equally good guesses, takes the most frequent', () => {
    expect(suggestMetric('val_acc', ['val_accuracy_top5', 'val_accuracy', 'val_accuracy'])).toBe('val_accuracy');
  });

  it('does not take two letters for a shortened name', () => {
    expect(suggestMetric('va', ['val_loss', 'learning_rate'])).toBeUndefined();
    expect(suggestMetric('perplexity', ['loss', 'lr'])).toBeUndefined();
  });
});
