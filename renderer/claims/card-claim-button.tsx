import { useUi, useUiStoreApi } from '../app/cockpit-context';
import { useT } from '../i18n/use-translate';
import { useOperatorName } from './operator-name';
import { useClaimAction } from './queries';
import './claims.css';

/**
 * Claims a board card's worst firing alert in one click when this screen knows the operator's name;
 * without one it opens the alert, whose detail asks for it.
 */
export function CardClaimButton(props: Readonly<{ alertId: string }>) {
  const t = useT();
  const store = useUiStoreApi();
  const [name] = useOperatorName();
  const action = useClaimAction();
  const wall = useUi((state) => state.wall);
  // A wall display shows who owns what but takes no commands.
  if (wall) return null;
  return (
    <button
      type="button"
      className="card-claim-button"
      disabled={action.isPending}
      title={action.isError ? action.error.message : undefined}
      onClick={(event) => {
        // The card opens its alert on click; this button claims instead.
        event.stopPropagation();
        if (name) action.mutate({ kind: 'claim', alertId: props.alertId, by: name });
        else store.getState().selectAlert(props.alertId);
      }}
    >
      {action.isPending ? t('claim.claiming') : t('claim.claim')}
    </button>
  );
}
