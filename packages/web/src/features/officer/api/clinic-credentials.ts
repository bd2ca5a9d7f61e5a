import { listClinicCredentials, rotateGatewayCredential } from '@vssid/domain/api/gateway';
import { fetcher } from '../../../shared/api-call';

/** The clinic gateway's credentials, for agency admins (contracts: `@vssid/domain/api/gateway`). */

export type { ClinicCredentialStatus, GatewayCredential } from '@vssid/domain/api/gateway';

/** The clinics of the admin's province (every province for the national office) with their credential's status. */
export const fetchClinicCredentials = fetcher(listClinicCredentials);
/** Issues or rotates a clinic's credential: the new password, shown once. */
export const postCredentialRotation = fetcher(rotateGatewayCredential);
