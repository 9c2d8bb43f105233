/**
 * Bounded slots: a counting semaphore with a FIFO queue of requests.
 *
 * Used wherever a design limits concurrency: proxy tasks, open snapshots per
 * datastore, tape drives, jobs per host. `acquire()` returns a request event
 * that is processed when a slot is granted; `release(request)` frees it and
 * grants the next waiting request. A pending request can be cancelled, which
 * is what an interrupted process does in its `finally` block.
 */
import { ConfigError, fail } from './errors.js';
import { SimEvent, type Scheduler } from './events.js';

/** No queue grows without bound (STYLE.md, principle 6). */
export const MAX_SLOT_QUEUE = 1_000_000;

export class SlotRequest extends SimEvent<SlotRequest> {
  /** 'waiting' until granted, then 'held' until released; 'cancelled' if withdrawn first. */
  status: 'waiting' | 'held' | 'released' | 'cancelled' = 'waiting';

  constructor(sim: Scheduler, readonly pool: SlotPool) {
    super(sim, `slot of ${pool.name}`);
  }

  /** Withdraws a waiting request, or releases a held one. */
  cancel(): void {
    this.pool.release(this);
  }

  /** @internal */
  grant(): void {
    this.status = 'held';
    this.trigger(this);
  }
}

export class SlotPool {
  private inUse = 0;
  private readonly queue: SlotRequest[] = [];
  private head = 0;

  constructor(
    private readonly sim: Scheduler,
    readonly name: string,
    readonly capacity: number,
    readonly maxQueue = MAX_SLOT_QUEUE,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new ConfigError(name, 'capacity', capacity, 'be a whole number >= 1');
    }
  }

  get held(): number {
    return this.inUse;
  }

  get waiting(): number {
    return this.queue.length - this.head;
  }

  acquire(): SlotRequest {
    const req = new SlotRequest(this.sim, this);
    if (this.inUse < this.capacity) {
      this.inUse++;
      req.grant();
    } else {
      if (!(this.waiting < this.maxQueue)) fail(`${this.name}: more than ${this.maxQueue} requests waiting`);
      this.queue.push(req);
    }
    return req;
  }

  release(req: SlotRequest): void {
    if (!(req.pool === this)) fail(`${this.name}: released a slot of ${req.pool.name}`);
    if (req.status === 'waiting') {
      const i = this.queue.indexOf(req, this.head);
      if (i >= 0) this.queue.splice(i, 1);
      req.status = 'cancelled';
      return;
    }
    if (req.status !== 'held') return;
    req.status = 'released';
    this.inUse--;
    this.grantNext();
  }

  private grantNext(): void {
    while (this.inUse < this.capacity && this.head < this.queue.length) {
      const next = this.queue[this.head++]!;
      this.inUse++;
      next.grant();
    }
    // Compact the consumed prefix now and then so the array stays bounded.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
