/**
 * The trials by id, as an immutable map that is cheap to update: ids are grouped in chunks of
 * CHUNK, and an update copies only the chunks it touches. Copying a plain Map of 10,000 trials for
 * every batch of metrics cost ~5 ms a frame (bench/tui.ts); 32 running trials touch one or two
 * chunks.
 */
import type { TrialView } from './sweep-view.js';

const CHUNK = 256;
const chunkOf = (id: number) => Math.floor(id / CHUNK);

export class TrialMap {
  private constructor(
    private readonly chunks: ReadonlyMap<number, ReadonlyMap<number, TrialView>>,
    readonly size: number,
  ) {}

  static readonly empty = new TrialMap(new Map(), 0);

  get(id: number): TrialView | undefined {
    return this.chunks.get(chunkOf(id))?.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  *values(): IterableIterator<TrialView> {
    for (const chunk of this.chunks.values()) yield* chunk.values();
  }

  *keys(): IterableIterator<number> {
    for (const chunk of this.chunks.values()) yield* chunk.keys();
  }

  /** A new map with `changes` set (added or replaced); this one is left as it was. */
  with(changes: ReadonlyMap<number, TrialView>): TrialMap {
    if (changes.size === 0) return this;
    const chunks = new Map(this.chunks);
    const copied = new Set<number>();
    let size = this.size;
    for (const [id, trial] of changes) {
      const key = chunkOf(id);
      let chunk = chunks.get(key) as Map<number, TrialView> | undefined;
      if (!copied.has(key)) {
        chunk = new Map(chunk);
        chunks.set(key, chunk);
        copied.add(key);
      }
      if (!chunk!.has(id)) size++;
      chunk!.set(id, trial);
    }
    return new TrialMap(chunks, size);
  }
}
