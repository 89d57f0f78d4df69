export { startS3, type RunningS3, type S3Options } from './start-s3';
export { corsConfigXml } from './cors-config';
export { S3StartError } from './errors';
