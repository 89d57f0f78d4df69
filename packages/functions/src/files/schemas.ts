/**
 * The zod schemas of the file routes: strict objects of primitives, bounded.
 * The use cases check types, sizes and names against the configuration.
 */
import * as z from 'zod';
import { FILE_STATUSES } from '@nocturnal/core/files/types';

export const createFileBody = z.strictObject({
  /** Any name up to 1,024 characters: core sanitises and shortens it. */
  filename: z.string().min(1).max(1024),
  contentType: z.string().min(3).max(255),
  size: z.number().int().min(1),
});

export const listFilesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(FILE_STATUSES).optional(),
});

export const fileParams = z.object({ id: z.string().min(1).max(100) });
