/** Vite bundles imported style sheets into the console's one CSS file. */
declare module '*.css';
