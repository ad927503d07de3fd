export * from './console-session.controller.js';
export * from './console-session.dto.js';
export * from './console-session.entity.js';
export * from './console-session.service.js';
export * from './session-cookie.js';
