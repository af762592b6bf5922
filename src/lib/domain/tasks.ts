// Simple to-dos of the day (« Rappeler M. Durand »), optionally weekly or monthly. A recurring
// task, once done, moves to its next date instead of disappearing.
import type { ChaseTask, IsoDate } from './types';
import { addDays, addMonths } from './dates';

/** Tasks due today or earlier and not done, oldest first. */
export function tasksDue(tasks: ChaseTask[], today: IsoDate): ChaseTask[] {
  return tasks
    .filter((t) => !t.done && t.dueDate <= today)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.title.localeCompare(b.title)));
}

/**
 * What completing a task on `today` changes: a one-off task is done; a recurring one moves to
 * its first occurrence after today (a weekly task due Monday done on Wednesday → next Monday).
 */
export function completeTask(task: ChaseTask, today: IsoDate): Pick<ChaseTask, 'done' | 'dueDate'> {
  if (task.recurrence === 'none') return { done: true, dueDate: task.dueDate };
  let next = task.dueDate;
  let n = 0;
  do {
    n++;
    next = task.recurrence === 'weekly' ? addDays(task.dueDate, 7 * n) : addMonths(task.dueDate, n);
  } while (next <= today);
  return { done: false, dueDate: next };
}
