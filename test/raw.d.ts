/** Vite's `?raw` imports (a file's text), as the test bundler serves them. */
declare module '*?raw' {
  const text: string;
  export default text;
}
