import { passwordBody, profileBody, publicUser, session } from '../../auth/schemas';
import type { OperationSpecs } from '../spec';

export const userOperations: OperationSpecs = {
  'users-me-get': {
    tag: 'Users',
    summary: 'Read my account',
    responses: { 200: { description: 'The signed-in user.', schema: publicUser } },
    errors: ['USER_NOT_FOUND'],
  },
  'users-me-patch': {
    tag: 'Users',
    summary: 'Change my name',
    description: '`null` clears the name.',
    input: { body: profileBody },
    responses: { 200: { description: 'The updated user.', schema: publicUser } },
    errors: ['USER_NOT_FOUND'],
  },
  'users-me-password': {
    tag: 'Users',
    summary: 'Change my password',
    description: 'Revokes every other session and every access token issued so far; answers a new session.',
    input: { body: passwordBody },
    responses: { 200: { description: 'A new session; the old ones are revoked.', schema: session } },
    errors: ['INVALID_CREDENTIALS', 'USER_NOT_FOUND'],
  },
  'users-me-delete': {
    tag: 'Users',
    summary: 'Delete my account',
    description: 'Erases the account, its sessions and its files (objects, then records).',
    responses: { 204: { description: 'The account and everything it owned are gone.' } },
  },
};
