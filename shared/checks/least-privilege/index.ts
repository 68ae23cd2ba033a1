import type { Check } from '../types.js';
import { roleAdminAccess } from './role-admin-access.js';
import { roleDataActionsOnAllResources } from './role-data-actions-on-all-resources.js';
import { roleExcessGrants } from './role-excess-grants.js';
import { rolePermissionsBoundary } from './role-permissions-boundary.js';
import { rolePrivilegeEscalation } from './role-privilege-escalation.js';
import { roleServiceWideWildcard } from './role-service-wide-wildcard.js';
import { roleSharedByApplications } from './role-shared-by-applications.js';
import { roleWriteActionsOnAllResources } from './role-write-actions-on-all-resources.js';

/** The least-privilege checks, in report order. */
export const leastPrivilegeChecks: readonly Check[] = [
  roleAdminAccess,
  rolePrivilegeEscalation,
  roleServiceWideWildcard,
  roleDataActionsOnAllResources,
  roleWriteActionsOnAllResources,
  roleSharedByApplications,
  rolePermissionsBoundary,
  roleExcessGrants,
];
