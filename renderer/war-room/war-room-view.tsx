import { SloStrip } from '../slo/slo-strip';
import { ChangeStrip } from '../changes/change-strip';
import { FreezeBand } from '../changes/freeze-band';
import '../changes/changes.css';
import { AlertBoard } from './alert-board';
import { SourceHealthStrip } from './source-health-strip';
import { TimelinePanel } from './timeline-panel';
import { WarRoomHeader } from './war-room-header';
import './war-room.css';

/** The default screen: readable from across the room with nobody touching it. */
export function WarRoomView() {
  return (
    <div className="war-room">
      <WarRoomHeader />
      <FreezeBand />
      <SourceHealthStrip />
      <SloStrip />
      <AlertBoard />
      <TimelinePanel />
      <ChangeStrip />
    </div>
  );
}
