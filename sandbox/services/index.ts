import type { ServiceCatalog } from '../router.js';
import { kinesisService } from './kinesis.js';
import { stsService } from './sts.js';

/** Every service the sandbox serves. */
export const SANDBOX_SERVICES: ServiceCatalog = {
  json: [kinesisService],
  query: [stsService],
  rest: [],
};
