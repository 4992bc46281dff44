/** The file as a whole cannot be loaded (unreadable, no usable header, …). Nothing of it is loaded. */
export class IngestFileError extends Error {
  constructor(
    readonly file: string,
    readonly reasonEn: string,
    readonly reasonZh: string,
  ) {
    super(`${file}: ${reasonEn}`);
  }
}
