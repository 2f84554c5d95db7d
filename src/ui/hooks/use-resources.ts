import { useEffect, useState } from 'react';
import type { ResourceSample } from '../../engine/resources/types.js';

/** Anything that hands out resource samples (the ResourceMonitor; a stub in tests). */
export interface ResourceFeed {
  subscribe(listener: (sample: ResourceSample) => void): () => void;
}

/** The latest sample; a new one every couple of seconds re-renders the header and usage columns. */
export function useResources(feed: ResourceFeed | undefined): ResourceSample | null {
  const [sample, setSample] = useState<ResourceSample | null>(null);
  useEffect(() => feed?.subscribe(setSample), [feed]);
  return sample;
}
