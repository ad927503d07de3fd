/** The URL of the database the process uses; the job queue opens its own small pool on it. */
export const DATABASE_URL = Symbol('DATABASE_URL');
