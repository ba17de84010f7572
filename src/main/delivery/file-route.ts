/** The .vcf file route: the plan written to a file, complete on disk or not there at all; then the ledger (R15). */
import type { ExportFormat, ExportResult } from '../../shared/api/types';
import { writePlanFile } from '../export/file-export';
import { type Delivery, endedNow } from '../export/pipeline';
import type { MirrorDb } from '../mirror/mirror-db';

export function fileDelivery(db: MirrorDb, format: ExportFormat, path: string): Delivery<ExportResult> {
  return {
    route: 'file',
    async deliver({ plan, commit }) {
      await writePlanFile(db, plan, format, path);
      commit();
      return {
        value: { ...plan.preview, format, file: path },
        ended: endedNow(plan.preview.delivered, { file: path, format }),
      };
    },
  };
}
