/** Runs a job once one of the queue's slots is free. */
export type Queue = <T>(job: () => Promise<T>) => Promise<T>;

/** A queue with `count` slots: jobs beyond that wait, first come first served. */
export function slots(count: number): Queue {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running < count) running += 1;
    // A finishing job hands its slot straight to the first waiter, so a newcomer cannot take it in between.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
