/**
 * A trial's output read for the sweep: the extractor finds the points (per context, steps
 * filled), and the triage keeps the echoed configuration apart. What TrialRun feeds its lines to.
 */
import type { EchoedValue, LineParser, Progress } from '../../plugin-api/parser.js';
import type { Params } from '../../plugin-api/space.js';
import type { LineEnding } from '../logs/line-splitter.js';
import { MetricExtractor, type ExtractedPoint } from './extractor.js';
import { PointTriage } from './point-triage.js';
import type { MetricRule } from './rules.js';

export interface OutputReading {
  final: ExtractedPoint[];
  provisional: ExtractedPoint[];
  /** Configuration found in this line (or, from end(), values printed once before training). */
  echoed?: Record<string, EchoedValue>;
}

export class OutputMetrics {
  private readonly extractor: MetricExtractor;
  private readonly triage: PointTriage;

  /** `objectiveName`: the objective's, or every objective's in a sweep of several (never set apart as configuration). */
  constructor(options: { parsers: LineParser[]; rules: MetricRule[]; params: Params; objectiveName: string | readonly string[] }) {
    this.extractor = new MetricExtractor({ parsers: options.parsers, rules: options.rules, fillSteps: true });
    this.triage = new PointTriage(options.params, options.objectiveName);
  }

  /** The last progress the output announced (`Epoch 3/10`), for the trial's time to go. */
  get progress(): Progress | null {
    return this.extractor.progress;
  }

  push(text: string, ending: LineEnding): OutputReading {
    const pushed = this.extractor.push(text, ending);
    if (pushed.final.length === 0) return pushed;
    const echoed: Record<string, EchoedValue> = { ...pushed.echoed };
    const final = this.triage.sort(pushed.final, echoed);
    return withEchoed({ final, provisional: pushed.provisional }, echoed);
  }

  end(): OutputReading {
    const echoed: Record<string, EchoedValue> = {};
    const final = this.triage.sort(this.extractor.end(), echoed);
    this.triage.end(echoed);
    return withEchoed({ final, provisional: [] }, echoed);
  }
}

function withEchoed(reading: OutputReading, echoed: Record<string, EchoedValue>): OutputReading {
  for (const _ in echoed) return { ...reading, echoed };
  return reading;
}
