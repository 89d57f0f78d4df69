/**
 * Compile-time only: each response schema's type is exactly the type core
 * answers, both ways. `reply()` already refuses a body the schema lacks a
 * field for; this also fails the typecheck when core gains a field the schema
 * does not declare (which the document would then hide).
 */
import type * as z from 'zod';
import type { CreatedUpload } from '@nocturnal/core/files/create-upload';
import type { FileWithDownload } from '@nocturnal/core/files/get-file';
import type { FilePage } from '@nocturnal/core/files/list-files';
import type { PublicFile } from '@nocturnal/core/files/types';
import type { RateLimitService } from '@nocturnal/core/ratelimit/rate-limit-service';
import type { UserPage } from '@nocturnal/core/users/admin-users';
import type { Session } from '@nocturnal/core/users/session';
import type { PublicUser } from '@nocturnal/core/users/types';
import type { rateLimitStatus } from '../admin/schemas';
import type { publicUser, session, userPage } from '../auth/schemas';
import type { createdUpload, filePage, fileWithDownload, publicFile } from '../files/schemas';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type SchemasMatchCore = [
  Assert<Same<z.output<typeof publicUser>, PublicUser>>,
  Assert<Same<z.output<typeof session>, Session>>,
  Assert<Same<z.output<typeof userPage>, UserPage>>,
  Assert<Same<z.output<typeof publicFile>, PublicFile>>,
  Assert<Same<z.output<typeof filePage>, FilePage>>,
  Assert<Same<z.output<typeof createdUpload>, CreatedUpload>>,
  Assert<Same<z.output<typeof fileWithDownload>, FileWithDownload>>,
  Assert<Same<z.output<typeof rateLimitStatus>, Awaited<ReturnType<RateLimitService['status']>>>>,
];
