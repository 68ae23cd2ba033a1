import type { ServiceCatalog } from '../router.js';
import { cloudTrailService } from './cloudtrail.js';
import { ec2Service } from './ec2.js';
import { firehoseService } from './firehose.js';
import { iamService } from './iam.js';
import { kinesisService } from './kinesis.js';
import { kinesisAnalyticsService } from './kinesis-analytics.js';
import { kmsService } from './kms.js';
import { logsService } from './logs.js';
import { organizationsService } from './organizations.js';
import { s3Service } from './s3.js';
import { s3ControlService } from './s3-control.js';
import { snsService } from './sns.js';
import { stsService } from './sts.js';

/** Every service the sandbox serves. */
export const SANDBOX_SERVICES: ServiceCatalog = {
  json: [
    kinesisService,
    kinesisAnalyticsService,
    firehoseService,
    kmsService,
    cloudTrailService,
    logsService,
    organizationsService,
  ],
  query: [stsService, iamService, snsService, ec2Service],
  rest: [s3Service, s3ControlService],
};
