import type { Check } from '../types.js';
import { cloudtrailDeliveryHealthy } from './cloudtrail-delivery-healthy.js';
import { cloudtrailKmsEncryption } from './cloudtrail-kms-encryption.js';
import { cloudtrailLogFileValidation } from './cloudtrail-log-file-validation.js';
import { cloudtrailRegionLogging } from './cloudtrail-region-logging.js';

/** The cloudtrail checks, in report order. */
export const cloudTrailChecks: readonly Check[] = [
  cloudtrailRegionLogging,
  cloudtrailLogFileValidation,
  cloudtrailKmsEncryption,
  cloudtrailDeliveryHealthy,
];
