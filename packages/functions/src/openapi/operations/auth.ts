import { loginBody, refreshBody, registerBody, session } from '../../auth/schemas';
import type { OperationSpecs } from '../spec';

const sessionAnswer = (description: string) => ({ description, schema: session });

export const authOperations: OperationSpecs = {
  'auth-register': {
    tag: 'Auth',
    summary: 'Register',
    description: 'Creates an account (role `user`) and signs it in. Passwords are 8–128 characters; names 1–100.',
    input: { body: registerBody },
    responses: { 201: { ...sessionAnswer('The new account, signed in.'), headers: ['Location'] } },
    errors: ['EMAIL_TAKEN'],
  },
  'auth-login': {
    tag: 'Auth',
    summary: 'Log in',
    description:
      'Besides the per-address `auth` policy, each attempt spends one unit of the target email\'s `loginFailures` budget before the password is checked (a success gives it back); an exhausted budget answers 429 with `RateLimit-Policy: "loginFailures";…`. An unknown email answers exactly like a wrong password.',
    input: { body: loginBody },
    responses: { 200: sessionAnswer('A new session.') },
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED'],
  },
  'auth-refresh': {
    tag: 'Auth',
    summary: 'Rotate a refresh token',
    description: 'Exchanges a refresh token for a new pair. A token that was already rotated revokes its whole family (`REFRESH_TOKEN_REUSED`).',
    input: { body: refreshBody },
    responses: { 200: sessionAnswer('A new access token and refresh token.') },
    errors: ['INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED', 'ACCOUNT_DISABLED'],
  },
  'auth-logout': {
    tag: 'Auth',
    summary: 'Log out',
    description: "Revokes the refresh token's family. Answers 204 for an unknown token too.",
    input: { body: refreshBody },
    responses: { 204: { description: 'Logged out.' } },
  },
  'auth-logout-all': {
    tag: 'Auth',
    summary: 'Log out everywhere',
    description: "Revokes every refresh token of the caller and raises the account's token version, so every access token issued so far stops working (within `AUTH_STATE_CACHE_MS` on other instances).",
    responses: { 204: { description: 'Every session and access token of the caller revoked.' } },
  },
};
