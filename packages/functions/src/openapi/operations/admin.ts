import { adminListQuery, adminUserBody, adminUserParams, publicUser, userPage } from '../../auth/schemas';
import { rateLimitModeBody, rateLimitStatus } from '../../admin/schemas';
import type { OperationSpecs } from '../spec';

export const adminOperations: OperationSpecs = {
  'admin-users-list': {
    tag: 'Admin',
    summary: 'List users',
    description: 'Keyset pagination: pass `nextCursor` back as `cursor` until it is `null`.',
    input: { query: adminListQuery },
    responses: {
      200: {
        description: 'One page of users, oldest first.',
        schema: userPage,
        links: { next: { operationId: 'admin-users-list', parameters: { cursor: '$response.body#/nextCursor' }, description: 'The next page.' } },
      },
    },
  },
  'admin-users-update': {
    tag: 'Admin',
    summary: "Change a user's role or disable them",
    description: "A role change or disabling revokes the user's tokens; disabling also revokes every refresh token. Admins cannot demote or disable themselves (403).",
    input: { params: adminUserParams, body: adminUserBody },
    responses: { 200: { description: 'The updated user.', schema: publicUser } },
    errors: ['USER_NOT_FOUND'],
  },
  'admin-rate-limit-get': {
    tag: 'Admin',
    summary: 'Read the rate-limit mode',
    responses: { 200: { description: 'The mode, signals, policies and store.', schema: rateLimitStatus } },
  },
  'admin-rate-limit-put': {
    tag: 'Admin',
    summary: 'Set the rate-limit mode by hand',
    description: 'For every instance (each re-reads the mode within `RATE_LIMIT_STATE_CACHE_MS`). A manual `normal` also holds automatic switching off for its duration.',
    input: { body: rateLimitModeBody },
    responses: { 200: { description: 'The new status.', schema: rateLimitStatus } },
  },
};
