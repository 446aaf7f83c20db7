import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Task } from '../api';
import { useI18n } from '../i18n';
import { useRealtime, useRealtimeEvent } from '../realtime';
import { toast } from './toast';

const ACTIVE = new Set(['queued', 'running']);

/**
 * "Export your posts": starts the job, follows its `task_progress` pushes with a progress bar, and
 * shows the outcome (download, or why it failed). The task row is re-read at the end because the
 * push carries progress, while status, error and result location live on the task.
 */
export function ExportPanel() {
  const { t, formatDate } = useI18n();
  const { tasks } = useRealtime();
  const [task, setTask] = useState<Task | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The finished export shown was found on arrival (an earlier visit's), not run while watching.
  const [earlier, setEarlier] = useState(false);

  /**
   * The newest export: one already running (started in another tab, before a reload, or the reason
   * for a 409), else the last finished one, whose file is still offered.
   */
  const pickUp = useCallback(async () => {
    try {
      const res = await api.get<{ items: Task[] } | Task[]>('/tasks');
      const exports = (Array.isArray(res) ? res : res.items)
        .filter((x) => x.name === 'export_posts')
        .sort((a, b) => b.created_at.localeCompare(a.created_at));
      const running = exports.find((x) => ACTIVE.has(x.status));
      const finished = exports.find((x) => x.status === 'complete');
      if (running ?? finished) {
        setTask(running ?? finished!);
        setEarlier(!running);
      }
    } catch {
      // Nothing to pick up: the button still starts one.
    }
  }, []);

  useEffect(() => {
    void pickUp();
  }, [pickUp]);

  const live = task ? tasks[task.id] : undefined;
  const progress = Math.max(task?.progress ?? 0, live?.progress ?? 0);
  const status = live?.status ?? task?.status;

  const refresh = useCallback(async (id: string) => {
    try {
      setTask(await api.get<Task>(`/tasks/${encodeURIComponent(id)}`));
    } catch {
      // Keep showing what the pushes told us.
    }
  }, []);

  // Re-read on every push that may be the last (100 %, then `complete` can follow): the row has the outcome.
  const taskId = task?.id;
  const liveProgress = live?.progress;
  const liveStatus = live?.status;
  useEffect(() => {
    if (taskId === undefined || liveProgress === undefined) return;
    if (liveProgress >= 100 || liveStatus === 'complete' || liveStatus === 'failed') void refresh(taskId);
  }, [taskId, liveProgress, liveStatus, refresh]);

  // Missed pushes while disconnected: ask the task itself.
  useRealtimeEvent('resync', () => {
    if (task && ACTIVE.has(task.status)) void refresh(task.id);
  });

  async function start() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setTask(await api.post<Task>('/tasks', { name: 'export_posts' }));
      setEarlier(false);
      // Said every time, the second run too: the click did something, and a copy comes by email.
      setNotice(t('export.started'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // One export at a time: say so, and show the running one's progress.
        setNotice(t('export.inProgress'));
        await pickUp();
      } else {
        setError((e as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    if (!task) return;
    try {
      const blob = await api.blob(task.result_url ?? `/tasks/${encodeURIComponent(task.id)}/result`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'posts.json';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  }

  const running = !!task && (status === 'queued' || status === 'running') && progress < 100;
  const failed = status === 'failed' || task?.status === 'failed';
  const done = !failed && task?.status === 'complete';

  return (
    <div class="export">
      {!running && (
        <div class="export-start">
          <button type="button" class="btn" onClick={start} disabled={busy} aria-describedby="export-email-note">
            {t(done || failed ? 'export.again' : 'export.start')}
          </button>
          <small id="export-email-note" class="hint">
            {t('export.emailNote')}
          </small>
        </div>
      )}
      <p class="export-notice" role="status">
        {notice}
      </p>
      {task && (running || (progress >= 100 && !done && !failed)) && (
        <div class="export-progress">
          <label for="export-bar">
            {status === 'queued' && progress === 0 ? t('export.queued') : t('export.running', { progress })}
          </label>
          <progress id="export-bar" max={100} value={progress} aria-label={t('export.progressLabel')}>
            {progress}%
          </progress>
        </div>
      )}
      {done && (
        <p class="notice notice-success" role="status">
          {earlier && task?.finished_at
            ? t('export.last', { date: formatDate(task.finished_at, 'datetime') })
            : t('export.done')}{' '}
          <button type="button" class="btn btn-link" onClick={download}>
            {t('export.download')}
          </button>
        </p>
      )}
      {failed && (
        <p class="form-error" role="alert">
          {t('export.failed', { error: task?.error || live?.error || live?.description || '' })}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
