// Whole-file reads and atomic writes: a save writes a temporary file next to the target, flushes
// it to disk and renames it over the target, so a crash mid-save never leaves a half-written file.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace layerlab::engine::io {

/// Throws FileError if the file cannot be read.
std::string readWholeFile(const std::string& path);
/// Throws FileError if any step fails; the previous file is then left untouched. Writes
/// `path.tmp-PID`, fsyncs it, renames it over `path` and fsyncs the folder (so the rename itself
/// survives a power cut). Temporaries of `path` left by a process that no longer runs (a kill -9
/// mid-save) are removed first.
void writeFileAtomically(const std::string& path, std::string_view contents);
/// The same, with the contents handed over in pieces: `produce` is called once and passes each
/// piece to the writer it is given (a large model never exists as one string). An exception
/// from `produce` removes the temporary file and leaves the previous file untouched.
void writeFileAtomically(const std::string& path,
                         const std::function<void(const std::function<void(std::string_view)>& write)>& produce);
/// Throws FileError unless `path` could be written now: its folder exists and is writable, and
/// `path` is not a folder. Called before long work, so a typo in --out costs nothing.
void checkWritable(const std::string& path);

} // namespace layerlab::engine::io
