//! GB18030 to UTF-8 for Aftersight's ingest: `gb18030-to-utf8 FILE OUT` reads FILE and writes its text as UTF-8
//! into OUT, the named pipe DuckDB reads. encoding_rs (Firefox's decoder) copies ASCII runs in bulk: on our files
//! it takes about a third of the CPU glibc's iconv does, on a machine whose two cores DuckDB keeps busy.
//!
//! Once DuckDB has opened the pipe, a thread decodes ahead of the writer (some 32 MiB), so that DuckDB, which
//! reads the pipe a buffer at a time, finds the text ready instead of waiting for each buffer to be decoded.
//!
//! Exit status: 0 when the text is written whole, or when the reader closed the pipe first (DuckDB stopped at an
//! error of its own: not the file's); 2 at bytes that are not GB18030 (stderr says where; the caller reads the
//! file again with its own transcoder, which names the line); 1 when FILE or OUT cannot be opened, read or written.
use encoding_rs::{DecoderResult, GB18030};
use std::io::{ErrorKind, Read, Write};
use std::process::exit;
use std::sync::mpsc::sync_channel;
use std::thread;

const CHUNK: usize = 1 << 20;
/// What one write puts into the pipe: what a pipe holds.
const PIECE: usize = 1 << 16;
/// Decoded chunks (about 1 MiB each, as the text is mostly ASCII) that may wait for the writer.
const AHEAD: usize = 32;

fn fail(code: i32, message: String) -> ! {
    eprintln!("gb18030-to-utf8: {message}");
    exit(code)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, out] = match <[String; 2]>::try_from(args) {
        Ok(paths) => paths,
        Err(_) => fail(1, "usage: gb18030-to-utf8 FILE OUT".into()),
    };
    let mut input = std::fs::File::open(&file).unwrap_or_else(|e| fail(1, format!("{file}: {e}")));
    // Opening a named pipe waits for its reader: nothing is decoded for a reader that never comes.
    let mut pipe = std::fs::OpenOptions::new()
        .write(true)
        .open(&out)
        .unwrap_or_else(|e| fail(1, format!("{out}: {e}")));
    let (decoded, to_write) = sync_channel::<Vec<u8>>(AHEAD);
    let decoder = thread::spawn(move || {
        let mut decoder = GB18030.new_decoder_without_bom_handling();
        let mut bytes = vec![0u8; CHUNK];
        let mut offset = 0u64; // of the chunk in the file
        loop {
            let n = match input.read(&mut bytes) {
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => fail(1, format!("{file}: {e}")),
            };
            let last = n == 0;
            let mut rest = &bytes[..n];
            loop {
                // The most UTF-8 that `rest` can become (a two-byte character becomes three bytes).
                let mut text = vec![
                    0u8;
                    decoder
                        .max_utf8_buffer_length_without_replacement(rest.len())
                        .unwrap_or(CHUNK * 2)
                ];
                let (result, read, written) =
                    decoder.decode_to_utf8_without_replacement(rest, &mut text, last);
                text.truncate(written);
                if !text.is_empty() && decoded.send(text).is_err() {
                    return; // the writer has stopped: the reader closed the pipe
                }
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => rest = &rest[read..],
                    DecoderResult::Malformed(bad, after) => {
                        let at = (offset + (n - rest.len() + read) as u64)
                            .saturating_sub(after as u64 + bad as u64);
                        fail(
                            2,
                            format!("{file}: the bytes at offset {at} are not GB18030"),
                        );
                    }
                }
            }
            if last {
                return;
            }
            offset += n as u64;
        }
    });
    // A pipe's worth at a time: Linux counts what a write has written when it returns, and the caller tells how far
    // DuckDB has read by that count.
    for text in to_write {
        for piece in text.chunks(PIECE) {
            match pipe.write_all(piece) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::BrokenPipe => exit(0),
                Err(e) => fail(1, format!("{out}: {e}")),
            }
        }
    }
    // The decoder ends the process itself on a failure; otherwise it has sent everything.
    decoder
        .join()
        .unwrap_or_else(|_| fail(1, "the decoder stopped".into()));
}
