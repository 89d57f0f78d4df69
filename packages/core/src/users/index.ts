/** Accounts and sessions: the public API of `@nocturnal/core/users`. */
export { loadActiveUser } from './active-user';
export { listUsers, updateUserAsAdmin, type AdminUserPatch, type UserPage } from './admin-users';
export { changePassword, type ChangePasswordInput } from './change-password';
export { nowOf, usersSettings, type UsersContext, type UsersSettings } from './context';
export { deleteAccount, type AccountCleanup } from './delete-account';
export { normaliseEmail } from './email';
export { login, type LoginInput } from './login';
export { logout } from './logout';
export { getProfile, updateProfile, type ProfilePatch } from './profile';
export { refresh } from './refresh';
export { register, type RegisterInput } from './register';
export { issueSession, type Session } from './session';
export { toPublicUser, type NewUser, type PublicUser, type RefreshTokenRecord, type RefreshTokenRepository, type User, type UserPatch, type UserRepository } from './types';
export { mongoUserRepository, type MongoUserRepository } from './users.mongo';
export { mongoRefreshTokenRepository, type MongoRefreshTokenRepository } from './refresh-tokens.mongo';
