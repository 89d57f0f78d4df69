/** Every operation of the document, by route id: one entry per row of the route table. */
import type { OperationSpecs } from '../spec';
import { adminOperations } from './admin';
import { authOperations } from './auth';
import { docsOperations } from './docs';
import { fileOperations } from './files';
import { systemOperations } from './system';
import { userOperations } from './users';

export const OPERATIONS: OperationSpecs = {
  ...systemOperations,
  ...authOperations,
  ...userOperations,
  ...adminOperations,
  ...fileOperations,
  ...docsOperations,
};

/** Where a row's operation is declared, for the message that asks for it. */
export const OPERATION_FILES = {
  auth: 'auth.ts',
  users: 'users.ts',
  admin: 'admin.ts',
  files: 'files.ts',
  health: 'system.ts',
  system: 'system.ts',
  docs: 'docs.ts',
} as const;
