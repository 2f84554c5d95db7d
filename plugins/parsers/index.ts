/**
 * The built-in parsers, and the order `parsers: [auto]` tries them in. The first parser that
 * claims a line has it, so the order goes from the most specific formats to the most generic:
 * formats with a tqdm bar inside (Lightning, Ultralytics) before plain tqdm, fairseq's JSON
 * before plain JSON, summaries without a separator (`mean accuracy 0.97 +/- 0.01`) just before
 * `kv` (any `key=value`), which is last.
 */
import type { ParserPlugin } from '../../src/plugin-api/parser.js';
import catboost from './catboost.js';
import detectron2 from './detectron2.js';
import epochHeader from './epoch-header.js';
import fairseq from './fairseq.js';
import fastai from './fastai.js';
import json from './json.js';
import keras from './keras.js';
import kv from './kv.js';
import lightgbm from './lightgbm.js';
import lightning from './lightning.js';
import lightningTable from './lightning-table.js';
import nanogpt from './nanogpt.js';
import pythonDict from './python-dict.js';
import pytorchExamples from './pytorch-examples.js';
import sklearn from './sklearn.js';
import summary from './summary.js';
import timm from './timm.js';
import tqdm from './tqdm.js';
import ultralytics from './ultralytics.js';
import xgboost from './xgboost.js';

/** Every built-in parser, in `auto` order. */
export const parserPlugins: ParserPlugin[] = [
  fairseq,
  json,
  pythonDict,
  keras,
  lightning,
  lightningTable,
  ultralytics,
  tqdm,
  xgboost,
  lightgbm,
  catboost,
  sklearn,
  pytorchExamples,
  nanogpt,
  timm,
  detectron2,
  fastai,
  epochHeader,
  summary,
  kv,
];

/** The names `auto` stands for, in order. */
export const autoParserNames: readonly string[] = parserPlugins.map((plugin) => plugin.name);
