/** `stop_when: "val_loss <= 0.05"`: stop the sweep when a completed trial reaches this. */
export interface StopCondition {
  metric: string;
  op: '<' | '<=' | '>' | '>=' | '==';
  value: number;
  text: string;
}

export const STOP_CONDITION = /^\s*([A-Za-z_][\w./'-]*)\s*(<=|>=|==|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;

export function parseStopCondition(text: string): StopCondition | undefined {
  const match = STOP_CONDITION.exec(text);
  if (!match) return undefined;
  return { metric: match[1], op: match[2] as StopCondition['op'], value: Number(match[3]), text: text.trim() };
}

export function stopConditionMet(condition: StopCondition, value: number | undefined): boolean {
  if (value === undefined || Number.isNaN(value)) return false;
  switch (condition.op) {
    case '<':
      return value < condition.value;
    case '<=':
      return value <= condition.value;
    case '>':
      return value > condition.value;
    case '>=':
      return value >= condition.value;
    case '==':
      return value === condition.value;
  }
}
