/** Alerts: what to tell the on-call about a report. */
export {
  ALERT_EVENT_TYPES,
  type AlertEventType,
  type AlertMessage,
  type AlertOptions,
  buildAlert,
} from './build-alert.js';
