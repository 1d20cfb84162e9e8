// Whole-file reads and atomic writes: a save writes a temporary file next to the target, flushes
// it to disk and renames it over the target, so a crash mid-save never leaves a half-written file.
#pragma once

#include <string>
#include <string_view>

namespace layerlab::engine::io {

/// Throws FileError if the file cannot be read.
std::string readWholeFile(const std::string& path);
/// Throws FileError if any step fails; the previous file is then left untouched.
void writeFileAtomically(const std::string& path, std::string_view contents);

} // namespace layerlab::engine::io
