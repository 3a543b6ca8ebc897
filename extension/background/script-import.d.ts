/** crxjs: importing a file with `?script` yields its output path, for chrome.scripting.executeScript. */
declare module '*?script' {
  const path: string;
  export default path;
}
