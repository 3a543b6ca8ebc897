import { t } from '../t';
import { ToolbarIcon } from './toolbar-icon';

/**
 * Starts the QR scan by drag-selection (issue 4). Its icon is a viewfinder: four open corners with
 * a scan line across, what the portal's manual tells staff to click ("het opengewerkte vierkantje
 * met het streepje erin").
 */
export function ScanButton({ onScan }: { onScan: () => void }) {
  return (
    <button
      type="button"
      class="icon-button primary"
      data-testid="scan"
      title={t('scanLabel')}
      onClick={onScan}
    >
      <ToolbarIcon>
        <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3" />
        <path d="M4 12h16" />
      </ToolbarIcon>
    </button>
  );
}
