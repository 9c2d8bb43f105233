/** The worker-thread entry of a sweep's pool (tinypool calls the default export with each task). */
import { runJob, type JobTask } from './job.js';

export default function work(task: JobTask): ReturnType<typeof runJob> {
  return runJob(task);
}
