/** The runs as a table: a person scans down the "Outcome" column, a screen reader hears each cell's header. */
import { useTranslation } from 'react-i18next';
import type { ExportRun } from '../../../shared/api/types';
import { useFormatDate } from '../components/use-format-date';
import { runDetails } from './run-words';

const columns = ['when', 'device', 'route', 'outcome', 'details'] as const;

export function RunsTable({ runs }: { runs: readonly ExportRun[] }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <div className="table-scroller">
      <table className="runs">
        <caption className="visually-hidden">{t('history.heading')}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {t(`history.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="run">
              <td className="nowrap">
                <time dateTime={new Date(run.startedAt).toISOString()}>{formatDate(run.startedAt)}</time>
              </td>
              <td>{run.deviceName}</td>
              <td>{t(`history.route.${run.delivery}`)}</td>
              <td>
                <span className={`outcome outcome-${run.outcome}`}>{t(`history.outcome.${run.outcome}`)}</span>
              </td>
              <td>{runDetails(t, i18n.resolvedLanguage ?? i18n.language, run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
