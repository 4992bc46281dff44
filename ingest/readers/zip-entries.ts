// An archive read through its directory (yauzl): entries one at a time, and each entry's bytes as a stream.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export const promised = <T>(fn: (cb: (err: Error | null, v: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));

/** Sizes are not checked here: the zip guard counts the inflated bytes itself, and reads go after it. */
export const openZip = (file: string) =>
  promised<yauzl.ZipFile>((cb) => yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: false }, cb as never));

export const nextEntry = (zip: yauzl.ZipFile) =>
  new Promise<yauzl.Entry | undefined>((resolve, reject) => {
    const done = () => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
    };
    const onEntry = (e: yauzl.Entry) => (done(), resolve(e));
    const onEnd = () => (done(), resolve(undefined));
    const onError = (err: Error) => (done(), reject(err));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });

export const entryStream = (zip: yauzl.ZipFile, e: yauzl.Entry) => promised<Readable>((cb) => zip.openReadStream(e, cb as never));
