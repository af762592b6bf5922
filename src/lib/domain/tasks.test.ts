import { describe, expect, it } from 'vitest';
import type { ChaseTask } from './types';
import { completeTask, tasksDue } from './tasks';

const task = (id: string, dueDate: string, partial: Partial<ChaseTask> = {}): ChaseTask => ({
  id, title: `Tâche ${id}`, dueDate, recurrence: 'none', clientId: null, done: false, memberId: 'm', createdAt: '2026-01-01T00:00:00Z', ...partial
});

describe('tasks', () => {
  it('due today or before and not done, oldest first', () => {
    const list = [task('a', '2026-06-16'), task('b', '2026-06-15'), task('c', '2026-06-10'), task('d', '2026-06-01', { done: true })];
    expect(tasksDue(list, '2026-06-15').map((t) => t.id)).toEqual(['c', 'b']);
  });
  it('a one-off task is done; a weekly one moves to its next date after today; a monthly one clamps', () => {
    expect(completeTask(task('a', '2026-06-15'), '2026-06-15')).toEqual({ done: true, dueDate: '2026-06-15' });
    // Due Monday 8 June, done Wednesday 17 June → Monday 22 June.
    expect(completeTask(task('w', '2026-06-08', { recurrence: 'weekly' }), '2026-06-17')).toEqual({ done: false, dueDate: '2026-06-22' });
    expect(completeTask(task('m', '2026-01-31', { recurrence: 'monthly' }), '2026-01-31')).toEqual({ done: false, dueDate: '2026-02-28' });
  });
});
