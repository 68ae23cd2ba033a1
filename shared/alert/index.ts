/** Alerts: what to tell the on-call about a report, deduplicated against the previous scan. */
export {
  ACCOUNT_WIDE,
  type AlertAttributes,
  type AlertMessage,
} from './alert-message.js';
export {
  ALERT_EVENT_TYPES,
  type AlertEventType,
  type AlertFinding,
  type AlertPayload,
} from './alert-payload.js';
export { type AlertOptions, alertSettings } from './alert-settings.js';
export { decideAlerts } from './decide-alerts.js';
export { scanFailedAlert, UNKNOWN_ACCOUNT } from './scan-alerts.js';
