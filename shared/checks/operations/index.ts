import type { Check } from '../types.js';
import { applicationLoggingEnabled } from './application-logging-enabled.js';
import { runtimeSupported } from './runtime-supported.js';

/** The operations checks, in report order. */
export const operationsChecks: readonly Check[] = [runtimeSupported, applicationLoggingEnabled];
