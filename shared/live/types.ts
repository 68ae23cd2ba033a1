/** Types of live re-audit: the CloudTrail change event, the resource index and the re-audit plan. */

/** An "AWS API Call via CloudTrail" event as EventBridge delivers it; only the fields read are typed. */
export interface CloudTrailChangeEvent {
  'detail-type': string;
  source?: string;
  account: string;
  region: string;
  time?: string;
  detail: {
    eventSource: string;
    eventName: string;
    awsRegion?: string;
    errorCode?: string;
    requestParameters?: Record<string, unknown> | null;
    responseElements?: Record<string, unknown> | null;
    resources?: { ARN?: string; type?: string; accountId?: string }[];
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** Where an audited application lives. */
export interface IndexedApplication {
  name: string;
  region: string;
}

/** What a trail covers: its home region, or every region when multi-region. */
export interface IndexedTrail {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
}

/**
 * Everything the last full scan learnt about which resource each application depends on, kept as
 * plain JSON next to latest.json so an event can be mapped without reading the account again.
 */
export interface ResourceIndex {
  formatVersion: 1;
  scanId: string;
  accountId: string;
  partition: string;
  applications: Record<string, IndexedApplication>;
  /** Region → application ARNs (what a trail event affects). */
  regions: Record<string, string[]>;
  /** Resource ARN (stream, delivery stream, bucket, role, key, log group) → application ARNs. */
  dependents: Record<string, string[]>;
  /** Key ARN → the resources it encrypts (for the reason given with a key event). */
  encrypts: Record<string, string[]>;
  /** Role name → role ARNs (IAM events name roles without their path). */
  roleNames: Record<string, string[]>;
  /** Alias ARN → key ARN; null when built without the snapshot (aliases unknown). */
  keyAliases: Record<string, string> | null;
  /** Managed policy ARN → role ARNs attaching it; null when built without the snapshot. */
  policies: Record<string, string[]> | null;
  /** Trail ARN → coverage; null when built without the snapshot. */
  trails: Record<string, IndexedTrail> | null;
}

/** The applications one event can affect, or why it is ignored. */
export type AffectedApplications =
  | { applications: string[]; reason: string }
  | { applications: []; ignored: string };

/** One application to re-audit and every reason found for it. */
export interface PlannedApplication {
  applicationArn: string;
  reasons: string[];
  /** Positions, in the burst, of the events that planned it (ascending). */
  events: number[];
}

/** A burst of events turned into one re-audit: per region, the distinct applications. */
export interface ReauditPlan {
  regions: { region: string; applications: PlannedApplication[] }[];
  events: number;
  ignored: number;
  /** Why each ignored event was ignored, in event order. */
  ignoredReasons: string[];
}
